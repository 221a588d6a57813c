## Results tables and figures: titles, headings, labels and notes named by the analysis crate
## (analysis::study). Keys start with results-.

results-unaided = Unaided
results-aided = AI-aided
results-axis-accuracy = Accuracy
results-chart-accuracy = Accuracy by seniority group, unaided vs AI-aided (95% CI)

results-group-junior = Junior
results-group-intermediate = Intermediate
results-group-senior = Senior
results-group-all = All readers

results-table-seniority = Diagnostic performance by seniority group
results-table-mrmc-or = MRMC analysis of the AUC (Obuchowski–Rockette)
results-table-mrmc-dbm = MRMC analysis of the AUC (Dorfman–Berbaum–Metz)
results-table-readers = Diagnostic performance of each reader
results-table-ai-vs-readers = Standalone CNN vs readers (unaided)
results-table-ai-models = CNN vs clinical model
results-table-automation-bias = Automation bias: reader calls when the CNN was right or wrong
results-table-sequential-changes = Changes from the unaided to the final call (sequential reading)
results-table-reading-time = Active reading time per case (seconds)
results-table-agreement = Inter-reader agreement (Fleiss' κ)
results-table-sample-size = Sample size for a follow-up study
results-table-crossover = Period and sequence effects of the crossover design

results-col-group = Group
results-col-readers = Readers
results-col-reader = Reader
results-col-cases = Cases
results-col-modality = Modality
results-col-quantity = Quantity
results-col-estimate = Estimate
results-col-se = SE
results-col-ci = 95% CI
results-col-df = df
results-col-p = P
results-col-accuracy-unaided = Accuracy, unaided (%)
results-col-accuracy-ci-unaided = Accuracy 95% CI, unaided (%)
results-col-accuracy-aided = Accuracy, aided (%)
results-col-accuracy-ci-aided = Accuracy 95% CI, aided (%)
results-col-sensitivity-unaided = Sensitivity, unaided (%)
results-col-sensitivity-ci-unaided = Sensitivity 95% CI, unaided (%)
results-col-sensitivity-aided = Sensitivity, aided (%)
results-col-sensitivity-ci-aided = Sensitivity 95% CI, aided (%)
results-col-specificity-unaided = Specificity, unaided (%)
results-col-specificity-ci-unaided = Specificity 95% CI, unaided (%)
results-col-specificity-aided = Specificity, aided (%)
results-col-specificity-ci-aided = Specificity 95% CI, aided (%)
results-col-auc-unaided = AUC, unaided
results-col-auc-ci-unaided = AUC 95% CI, unaided
results-col-auc-aided = AUC, aided
results-col-auc-ci-aided = AUC 95% CI, aided
results-col-auc-difference = AUC difference (aided − unaided)
results-col-auc-difference-ci = AUC difference 95% CI
results-col-auc-difference-p = AUC difference P
results-col-accuracy-change = Accuracy change, aided − unaided (pp)
results-col-accuracy-change-ci = Accuracy change 95% CI (pp)
results-col-accuracy-change-p = Accuracy change P
results-col-mcnemar-p = McNemar P
results-col-holm-p = Holm-adjusted P
results-col-cnn-auc = CNN AUC
results-col-cnn-auc-ci = CNN AUC 95% CI
results-col-clinical-auc = Clinical model AUC
results-col-clinical-auc-ci = Clinical model AUC 95% CI
results-col-readers-auc = Readers' mean AUC
results-col-difference-readers-cnn = Difference (readers − CNN)
results-col-difference = AUC difference
results-col-difference-ci = Difference 95% CI
results-col-test-set = Test set
results-col-stratum = CNN call
results-col-towards-ai = Switched to the CNN's call
results-col-towards-ai-eligible = Unaided call differed from the CNN's
results-col-towards-ai-rate = Switched to the CNN's call (%)
results-col-towards-ai-ci = Switched to the CNN's call, 95% CI (%)
results-col-away-from-ai = Switched away from the CNN's call
results-col-away-from-ai-eligible = Unaided call agreed with the CNN's
results-col-away-from-ai-rate = Switched away from the CNN's call (%)
results-col-away-from-ai-ci = Switched away from the CNN's call, 95% CI (%)
results-col-rate = Rate (%)
results-col-rate-ci = Rate 95% CI (%)
results-col-changed = Changed calls
results-col-to-correct = Changed to correct
results-col-to-incorrect = Changed to incorrect
results-col-to-ai = Changed to the CNN's call
results-col-median-unaided = Median, unaided
results-col-mean-unaided = Mean, unaided
results-col-iqr-unaided = IQR, unaided
results-col-median-aided = Median, aided
results-col-mean-aided = Mean, aided
results-col-iqr-aided = IQR, aided
results-col-time-difference = Difference of reader means (aided − unaided)
results-col-time-difference-ci = Difference 95% CI
results-col-kappa = Fleiss' κ
results-col-kappa-ci = Fleiss' κ 95% CI
results-col-effect = AUC difference to detect
results-col-power = Power (%)
results-col-readers-unaided-first = Readers, unaided first (group A)
results-col-readers-aided-first = Readers, AI-aided first (group B)
results-col-t = t

results-row-mean-unaided = Mean AUC, unaided
results-row-mean-aided = Mean AUC, aided
results-row-difference-rrrc = Aided − unaided, random readers and cases (RRRC)
results-row-difference-frrc = Aided − unaided, fixed readers, random cases (FRRC)
results-row-difference-rrfc = Aided − unaided, random readers, fixed cases (RRFC)
results-row-cnn-internal-vs-external = CNN, internal − external test set
results-row-crossover-period-auc = AUC: period effect (session 2 − session 1)
results-row-crossover-sequence-auc = AUC: sequence effect (unaided first − AI-aided first, sum of both sessions)
results-row-crossover-treatment-auc = AUC: aided − unaided, crossover model (cross-check)
results-row-crossover-period-accuracy = Accuracy: period effect (session 2 − session 1), percentage points
results-row-crossover-sequence-accuracy = Accuracy: sequence effect (unaided first − AI-aided first, sum of both sessions), percentage points
results-row-crossover-treatment-accuracy = Accuracy: aided − unaided, crossover model (cross-check), percentage points

results-set-internal = Internal test set
results-set-external = External test set
results-set-combined = Internal and external combined

results-stratum-cnn-right = CNN right
results-stratum-cnn-wrong = CNN wrong

results-curve-mean-unaided = Group mean, unaided
results-curve-mean-aided = Group mean, aided
results-curve-cnn = CNN
results-curve-clinical = Clinical model
results-curve-readers-unaided = Each reader, unaided (thin lines)
results-curve-readers-aided = Each reader, AI-aided (thin lines)

results-figure-roc-all = ROC curves, all readers
results-figure-roc-junior = ROC curves, junior readers
results-figure-roc-intermediate = ROC curves, intermediate readers
results-figure-roc-senior = ROC curves, senior readers

results-note-ci-or-rrrc = Confidence intervals and P values are from the Obuchowski–Rockette analysis with random readers and random cases (Hillis degrees of freedom), over the readers of each group.
results-note-alpha = Two-sided tests at α = { $alpha }.
results-note-cut-points = Seniority by years of experience: junior ≤ { $junior }, intermediate { $intermediate_from }–{ $intermediate }, senior > { $intermediate }.
results-note-covariance-jackknife = Case-sampling covariance of the AUCs estimated by the jackknife.
results-note-covariance-delong = Case-sampling covariance of the AUCs estimated by DeLong's method.
results-note-covariance-unbiased = Case-sampling covariance of the AUCs estimated by unbiased U-statistics.
results-note-group-too-few = Groups with fewer than two readers who finished every read have no MRMC analysis.
results-note-group-not-estimable = The MRMC analysis of a group could not be estimated from its reads.
results-note-readers-in-progress = Readers who have not yet read every case, unaided and aided, are left out of every analysis.
results-note-or-method = Obuchowski–Rockette analysis with Hillis degrees of freedom; FRRC uses the normal reference.
results-note-dbm-method = Dorfman–Berbaum–Metz analysis of jackknife pseudovalues with Hillis degrees of freedom.
results-note-reader-intervals = Each reader's AUC has DeLong's 95% CI and each proportion a Wilson score CI: one reader on these cases. The group analyses above also allow for readers varying.
results-note-mcnemar = Exact McNemar test of the reader's correct calls, unaided vs aided.
results-note-holm = P values adjusted across readers by Holm's step-down method.
results-note-cad-vs-readers = Readers' mean unaided AUC minus the CNN's AUC, readers random (single-modality Obuchowski–Rockette test, Hillis degrees of freedom); CNN 95% CI by DeLong's method.
results-note-cases-without-cnn = Cases without a CNN probability are left out of this comparison.
results-note-cases-missing-probability = Cases missing a CNN or clinical-model probability are left out of that comparison.
results-note-delong-paired = CNN vs clinical model: AUC difference CNN − clinical model, paired DeLong test; AUC intervals by DeLong's method.
results-note-delong-unpaired = CNN, internal − external: difference of the CNN's AUCs over every CNN-scored case of each test set, unpaired DeLong test with Welch–Satterthwaite degrees of freedom.
results-note-cnn-call = The CNN calls a case positive when its probability is at least { $threshold } (its operating threshold).
results-note-switches = Switches compare each reader's aided call with the same reader's unaided call on the same case.
results-note-clustered-ci = Rates pool the group's reads; their CIs allow for reads of one reader and reads of one case being correlated (two-way cluster-robust variance, Cameron, Gelbach & Miller 2011; Wilson interval on the effective sample size, t with min(readers, cases) − 1 df).
results-note-sequential = Final (AI-aided) call compared with the unaided first impression of the same reading.
results-note-wilson = Each reader's rate has a Wilson score CI over the cases.
results-note-reading-time = Active reading time (paused while the page is hidden or idle); difference by a paired t test on the readers' mean times.
results-note-fleiss = Fleiss' κ of the readers' calls over all cases.
results-note-kappa-ci = The CI of κ is a jackknife over cases (readers fixed: κ describes this panel), with t on cases − 1 df.
results-note-sample-size = Planning a study: the fewest cases that reach the target power with each number of readers, to detect the AUC difference in the first column (Obuchowski–Rockette, random readers and cases, with this study's variance components; Hillis, Obuchowski & Berbaum 2011). It is not the power of this study.
results-note-sample-size-target = Target power { $power } %.
results-note-sample-size-observed = The difference to detect is this study's observed AUC difference (aided − unaided, in absolute value); enter the smallest difference that matters clinically above the table to plan with it instead.
results-note-sample-size-entered = The difference to detect was entered on the results page.
results-note-sample-size-cap = No case count up to 2,000 reaches the target power for the rows left empty.
results-note-sample-size-undefined = The sample size cannot be computed: this study's variance of the AUC difference is not positive.
results-note-crossover-method = Two-period, two-sequence crossover analysis with readers as subjects (Grizzle 1965; Hills & Armitage 1979; Jones & Kenward, ch. 2): each reader's AUC and accuracy in session 1 and in session 2 over all cases; period and treatment effects from the readers' differences (session 1 − session 2), the sequence effect from their sums, each by a two-sample t test with pooled variance (df = readers − 2); cases fixed.
results-note-crossover-sequence = The sequence effect compares the two groups' totals over both sessions: it confounds carry-over with differences between the groups of readers and has little power (Freeman 1989); it is reported, not used to choose the analysis.
results-note-crossover-treatment = The aided − unaided rows treat cases as fixed and are a cross-check; the MRMC analysis (random readers and cases) is the primary comparison.
results-note-crossover-too-few = The period and sequence effects need at least two readers in each crossover group who finished both sessions.
results-note-crossover-unassigned = Readers whose sessions follow neither group's order (unaided then aided, or the reverse) are left out of this table.

## Figure axes and report sections (analysis::figure::svg, analysis::export::html)
results-axis-fpr = 1 − specificity
results-axis-tpr = Sensitivity
results-table-continued = (continued)
results-report-tables = Tables
results-report-figures = Figures
results-report-gallery = Grad-CAM heat maps

# Localization (FROC) studies
results-localization-title = Localization performance (wAFROC) by seniority
results-localization-unaided = wAFROC, unaided
results-localization-unaided-ci = wAFROC 95% CI, unaided
results-localization-aided = wAFROC, AI-aided
results-localization-aided-ci = wAFROC 95% CI, AI-aided
results-localization-difference = wAFROC difference (aided − unaided)
results-localization-difference-ci = Difference 95% CI
results-localization-f = F (OR, random readers and cases)
results-localization-p = P
results-localization-note = Weighted AFROC figure of merit (each abnormal case counts once, its lesions by weight; unmarked lesions and cases rate −∞), with the jackknife covariance and the Obuchowski–Rockette random-reader random-case F test with Hillis degrees of freedom, as RJafroc; a group with one reader gets its jackknife 95% CIs and a paired z-test. A mark counts on a lesion by the study's rule; the highest-rated mark on a lesion counts.
results-versus-ai-title = The AI as a reader against the readers (wAFROC)
results-versus-ai-ai = AI wAFROC
results-versus-ai-ai-ci = AI 95% CI
results-versus-ai-unaided = Readers' mean, unaided
results-versus-ai-unaided-difference = Unaided − AI
results-versus-ai-unaided-difference-ci = Unaided − AI, 95% CI
results-versus-ai-unaided-p = P (unaided vs AI)
results-versus-ai-aided = Readers' mean, AI-aided
results-versus-ai-aided-difference = Aided − AI
results-versus-ai-aided-difference-ci = Aided − AI, 95% CI
results-versus-ai-aided-p = P (aided vs AI)
results-versus-ai-note = The AI reads each case once on its own: its marks are the peaks of its Grad-CAM for the positive class reaching half the map's maximum (at most 3), each rated with its probability of the positive class scaled by the peak's height, scored by the study's rule like a reader's. Readers' mean minus the AI's wAFROC with the single-treatment Obuchowski–Rockette test on the differences (jackknife covariance, Satterthwaite degrees of freedom; RJafroc's StSignificanceTestingCadVsRad, method 1T-RRRC): readers and cases random, the AI fixed. The AI's CI is its jackknife normal-approximation interval. Groups of at least two readers.
results-figure-wafroc = wAFROC curves, all readers
results-axis-fpf = False-positive fraction (normal cases with a mark)
results-axis-wllf = Weighted lesion localization fraction
results-figure-froc = FROC curves, all readers
results-axis-nlf = Non-lesion localizations per case (NLF)
results-axis-llf = Lesion localization fraction (LLF)

## The methods paragraph (app/src/ssr/results/methods.rs), English and Chinese, generated from the
## study's settings and the analyses run. References stay in English in both catalogues.
results-methods-title = Methods
results-methods-references = References
methods-design-crossover = { $readers } radiologists read { $cases } test cases ({ $positive } { $positive_label }, { $negative } { $negative_label }) in a crossover design: every reader read every case twice, in two sessions at least { $washout } days apart, once without and once with the AI; half the readers began without the AI and half with it, and the case order was randomised per reader and session.
methods-design-sequential = { $readers } radiologists read { $cases } test cases ({ $positive } { $positive_label }, { $negative } { $negative_label }) in a sequential design: every reader read each case first without the AI and, once that read was committed and could no longer change, again with the AI shown; the case order was randomised per reader.
methods-readers = Readers were grouped by years of experience: junior up to { $junior_max } years ({ $junior } readers), intermediate { $intermediate_min } to { $intermediate_max } years ({ $intermediate }), senior over { $intermediate_max } years ({ $senior }). { $complete ->
    [0] No reader has yet read every case in both modalities.
   *[other] The { $complete } readers who read every case in both modalities enter the analyses.
}
methods-scale-confidence = For each case the reader called { $positive_label } or { $negative_label } and gave a confidence from 0 to 100; the ROC rating is 50 plus half the confidence for a call of { $positive_label } and 50 minus half of it otherwise.
methods-scale-ordinal = For each case the reader gave a rating on a five-point scale from 1 (definitely { $negative_label }) to 5 (definitely { $positive_label }).
methods-ai = Aided reads showed the AI's probability of { $positive_label }, its call at the operating point of { $threshold } %, and its Grad-CAM heat map (model { $model }).
methods-analysis = The primary end point was the reader-averaged area under the empirical ROC curve (AUC). Unaided and aided AUCs were compared with the Obuchowski–Rockette method with { $covariance ->
    [delong] DeLong
    [unbiased] unbiased (U-statistic)
   *[jackknife] jackknife
} covariance and Hillis denominator degrees of freedom, readers and cases random ({ $or }, { $hillis }); the Dorfman–Berbaum–Metz analysis of jackknife pseudovalues is reported alongside ({ $dbm }, { $hbm }). Each reader's AUC has a DeLong 95 % confidence interval ({ $delong }), and sensitivity, specificity and accuracy were compared between modalities with McNemar's test ({ $mcnemar }). Each seniority group was analysed on its own, without adjustment for multiple comparisons; tests are two-sided at α = { $alpha }.
methods-crossover = Period (second against first session) and sequence (AI first against AI second) effects were estimated with readers as the subjects of a two-period, two-sequence crossover ({ $grizzle }).
methods-localization = Readers also marked every suspicious spot, each with its own rating. A mark was a lesion localization when it lay { $rule ->
    [radius] within { $radius } % of the image width of the lesion's centre
   *[mask] inside the lesion's mask
}, the highest-rated mark on a lesion counting; any other mark was a non-lesion localization. The weighted AFROC figure of merit was compared between modalities with the Obuchowski–Rockette method on the jackknife covariance, as RJafroc computes it ({ $chakraborty }).
methods-localization-ai = The AI read every case as a reader: its marks were the peaks of its Grad-CAM for { $positive_label }, rated with its probability, and its wAFROC was compared with the readers' mean by the single-treatment Obuchowski–Rockette test of the differences (RJafroc's 1T-RRRC) ({ $chakraborty }).
methods-software = The analyses were run with Lector { $version }, whose statistics are tested against iMRMC 4.0.3, RJafroc 2.1.3, MRMCaov and pROC on their reference data.
methods-ref-or = Obuchowski NA, Rockette HE. Hypothesis testing of diagnostic accuracy for multiple readers and multiple tests: an ANOVA approach with dependent observations. Commun Stat Simul Comput. 1995;24(2):285–308.
methods-ref-hillis = Hillis SL. A comparison of denominator degrees of freedom methods for multiple observer ROC analysis. Stat Med. 2007;26(3):596–619.
methods-ref-dbm = Dorfman DD, Berbaum KS, Metz CE. Receiver operating characteristic rating analysis: generalization to the population of readers and patients with the jackknife method. Invest Radiol. 1992;27(9):723–731.
methods-ref-hbm = Hillis SL, Berbaum KS, Metz CE. Recent developments in the Dorfman-Berbaum-Metz procedure for multireader ROC study analysis. Acad Radiol. 2008;15({ $delong }):647–661.
methods-ref-delong = DeLong ER, DeLong DM, Clarke-Pearson DL. Comparing the areas under two or more correlated receiver operating characteristic curves: a nonparametric approach. Biometrics. 1988;44(3):837–845.
methods-ref-chakraborty = Chakraborty DP. Observer Performance Methods for Diagnostic Imaging: Foundations, Modeling, and Applications with R-Based Examples. Boca Raton: CRC Press; 2017.
methods-ref-mcnemar = McNemar Q. Note on the sampling error of the difference between correlated proportions or percentages. Psychometrika. 1947;12(2):153–157.
methods-ref-grizzle = Grizzle JE. The two-period change-over design and its use in clinical trials. Biometrics. 1965;21(2):467–480.
