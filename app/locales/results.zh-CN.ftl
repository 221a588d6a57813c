## 结果表格与图：分析模块 (analysis::study) 使用的标题、列名、标签与脚注。键以 results- 开头。

results-unaided = 无AI辅助
results-aided = AI辅助
results-axis-accuracy = 准确率
results-chart-accuracy = 各年资组准确率：无AI辅助与AI辅助（95% 置信区间）

results-group-junior = 低年资
results-group-intermediate = 中年资
results-group-senior = 高年资
results-group-all = 全部阅片者

results-table-seniority = 各年资组诊断效能
results-table-mrmc-or = 曲线下面积 (AUC) 的多阅片者多病例分析（Obuchowski–Rockette 法）
results-table-mrmc-dbm = 曲线下面积 (AUC) 的多阅片者多病例分析（Dorfman–Berbaum–Metz 法）
results-table-readers = 各阅片者诊断效能
results-table-ai-vs-readers = CNN 独立诊断与阅片者（无AI辅助）比较
results-table-ai-models = CNN 与临床模型比较
results-table-automation-bias = 自动化偏倚：CNN 判断正确或错误时阅片者的判断
results-table-sequential-changes = 由无AI辅助判断到最终判断的改变（序贯阅片）
results-table-reading-time = 每例有效阅片时间（秒）
results-table-agreement = 阅片者间一致性（Fleiss κ）
results-table-sample-size = 后续研究的样本量
results-table-crossover = 交叉设计的阶段效应与顺序效应

results-col-group = 组别
results-col-readers = 阅片者数
results-col-reader = 阅片者
results-col-cases = 病例数
results-col-modality = 阅片方式
results-col-quantity = 指标
results-col-estimate = 估计值
results-col-se = 标准误
results-col-ci = 95% 置信区间
results-col-df = 自由度
results-col-p = P 值
results-col-accuracy-unaided = 准确率（无AI辅助，%）
results-col-accuracy-ci-unaided = 准确率 95% 置信区间（无AI辅助，%）
results-col-accuracy-aided = 准确率（AI辅助，%）
results-col-accuracy-ci-aided = 准确率 95% 置信区间（AI辅助，%）
results-col-sensitivity-unaided = 敏感度（无AI辅助，%）
results-col-sensitivity-ci-unaided = 敏感度 95% 置信区间（无AI辅助，%）
results-col-sensitivity-aided = 敏感度（AI辅助，%）
results-col-sensitivity-ci-aided = 敏感度 95% 置信区间（AI辅助，%）
results-col-specificity-unaided = 特异度（无AI辅助，%）
results-col-specificity-ci-unaided = 特异度 95% 置信区间（无AI辅助，%）
results-col-specificity-aided = 特异度（AI辅助，%）
results-col-specificity-ci-aided = 特异度 95% 置信区间（AI辅助，%）
results-col-auc-unaided = 曲线下面积（无AI辅助）
results-col-auc-ci-unaided = 曲线下面积 95% 置信区间（无AI辅助）
results-col-auc-aided = 曲线下面积（AI辅助）
results-col-auc-ci-aided = 曲线下面积 95% 置信区间（AI辅助）
results-col-auc-difference = 曲线下面积差值（AI辅助 − 无AI辅助）
results-col-auc-difference-ci = 曲线下面积差值 95% 置信区间
results-col-auc-difference-p = 曲线下面积差值 P 值
results-col-accuracy-change = 准确率变化（AI辅助 − 无AI辅助，百分点）
results-col-accuracy-change-ci = 准确率变化 95% 置信区间（百分点）
results-col-accuracy-change-p = 准确率变化 P 值
results-col-mcnemar-p = McNemar 检验 P 值
results-col-holm-p = Holm 校正 P 值
results-col-cnn-auc = CNN 曲线下面积
results-col-cnn-auc-ci = CNN 曲线下面积 95% 置信区间
results-col-clinical-auc = 临床模型曲线下面积
results-col-clinical-auc-ci = 临床模型曲线下面积 95% 置信区间
results-col-readers-auc = 阅片者平均曲线下面积
results-col-difference-readers-cnn = 差值（阅片者 − CNN）
results-col-difference = 曲线下面积差值
results-col-difference-ci = 差值 95% 置信区间
results-col-test-set = 测试集
results-col-stratum = CNN 判断
results-col-towards-ai = 改为与 CNN 一致
results-col-towards-ai-eligible = 无AI辅助判断与 CNN 不一致
results-col-towards-ai-rate = 改为与 CNN 一致的比例（%）
results-col-towards-ai-ci = 改为与 CNN 一致的比例 95% CI（%）
results-col-away-from-ai = 改为与 CNN 不一致
results-col-away-from-ai-eligible = 无AI辅助判断与 CNN 一致
results-col-away-from-ai-rate = 改为与 CNN 不一致的比例（%）
results-col-away-from-ai-ci = 改为与 CNN 不一致的比例 95% CI（%）
results-col-rate = 比例（%）
results-col-rate-ci = 比例 95% CI（%）
results-col-changed = 改变的判断数
results-col-to-correct = 改为正确
results-col-to-incorrect = 改为错误
results-col-to-ai = 改为与 CNN 一致
results-col-median-unaided = 中位数（无AI辅助）
results-col-mean-unaided = 均值（无AI辅助）
results-col-iqr-unaided = 四分位距（无AI辅助）
results-col-median-aided = 中位数（AI辅助）
results-col-mean-aided = 均值（AI辅助）
results-col-iqr-aided = 四分位距（AI辅助）
results-col-time-difference = 阅片者平均时间差值（AI辅助 − 无AI辅助）
results-col-time-difference-ci = 差值 95% 置信区间
results-col-kappa = Fleiss κ
results-col-kappa-ci = Fleiss κ 95% CI
results-col-effect = 拟检出的曲线下面积差值
results-col-power = 检验效能（%）
results-col-readers-unaided-first = 阅片者数（先无AI辅助，A 组）
results-col-readers-aided-first = 阅片者数（先AI辅助，B 组）
results-col-t = t 值

results-row-mean-unaided = 平均曲线下面积（无AI辅助）
results-row-mean-aided = 平均曲线下面积（AI辅助）
results-row-difference-rrrc = AI辅助 − 无AI辅助，阅片者与病例均随机（RRRC）
results-row-difference-frrc = AI辅助 − 无AI辅助，阅片者固定、病例随机（FRRC）
results-row-difference-rrfc = AI辅助 − 无AI辅助，阅片者随机、病例固定（RRFC）
results-row-cnn-internal-vs-external = CNN：内部测试集 − 外部测试集
results-row-crossover-period-auc = 曲线下面积：阶段效应（第 2 阶段 − 第 1 阶段）
results-row-crossover-sequence-auc = 曲线下面积：顺序效应（先无AI辅助 − 先AI辅助，两阶段之和）
results-row-crossover-treatment-auc = 曲线下面积：AI辅助 − 无AI辅助，交叉设计模型（核对）
results-row-crossover-period-accuracy = 准确率：阶段效应（第 2 阶段 − 第 1 阶段），百分点
results-row-crossover-sequence-accuracy = 准确率：顺序效应（先无AI辅助 − 先AI辅助，两阶段之和），百分点
results-row-crossover-treatment-accuracy = 准确率：AI辅助 − 无AI辅助，交叉设计模型（核对），百分点

results-set-internal = 内部测试集
results-set-external = 外部测试集
results-set-combined = 内部与外部测试集合并

results-stratum-cnn-right = CNN 判断正确
results-stratum-cnn-wrong = CNN 判断错误

results-curve-mean-unaided = 组平均（无AI辅助）
results-curve-mean-aided = 组平均（AI辅助）
results-curve-cnn = CNN
results-curve-clinical = 临床模型
results-curve-readers-unaided = 各阅片者，无AI辅助（细线）
results-curve-readers-aided = 各阅片者，AI辅助（细线）

results-figure-roc-all = ROC 曲线：全部阅片者
results-figure-roc-junior = ROC 曲线：低年资阅片者
results-figure-roc-intermediate = ROC 曲线：中年资阅片者
results-figure-roc-senior = ROC 曲线：高年资阅片者

results-note-ci-or-rrrc = 置信区间与 P 值来自各组阅片者的 Obuchowski–Rockette 分析（阅片者与病例均随机，Hillis 自由度）。
results-note-alpha = 双侧检验，检验水准 α = { $alpha }。
results-note-cut-points = 年资按工作年限划分：低年资 ≤ { $junior } 年，中年资 { $intermediate_from }–{ $intermediate } 年，高年资 > { $intermediate } 年。
results-note-covariance-jackknife = 曲线下面积的病例抽样协方差采用刀切法（jackknife）估计。
results-note-covariance-delong = 曲线下面积的病例抽样协方差采用 DeLong 法估计。
results-note-covariance-unbiased = 曲线下面积的病例抽样协方差采用无偏 U 统计量估计。
results-note-group-too-few = 完成全部阅片的阅片者少于 2 名的组别不进行多阅片者多病例分析。
results-note-group-not-estimable = 某组别的多阅片者多病例分析无法由其阅片数据估计。
results-note-readers-in-progress = 尚未完成全部病例无AI辅助与AI辅助阅片的阅片者不纳入任何分析。
results-note-or-method = Obuchowski–Rockette 分析，采用 Hillis 自由度；FRRC 采用正态分布参照。
results-note-dbm-method = 基于刀切伪值的 Dorfman–Berbaum–Metz 分析，采用 Hillis 自由度。
results-note-reader-intervals = 每位阅片者的 AUC 给出 DeLong 95% CI，各比例给出 Wilson 得分置信区间：仅反映该阅片者在这些病例上的不确定性；上方的分组分析同时考虑了阅片者之间的变异。
results-note-mcnemar = 阅片者判断正确与否（无AI辅助与AI辅助）的精确 McNemar 检验。
results-note-holm = P 值经 Holm 逐步法在阅片者间校正。
results-note-cad-vs-readers = 阅片者无AI辅助平均曲线下面积减去 CNN 曲线下面积，阅片者随机（单一阅片方式的 Obuchowski–Rockette 检验，Hillis 自由度）；CNN 的 95% 置信区间采用 DeLong 法。
results-note-cases-without-cnn = 无 CNN 概率的病例未纳入此比较。
results-note-cases-missing-probability = 缺少 CNN 或临床模型概率的病例未纳入相应比较。
results-note-delong-paired = CNN 与临床模型比较：曲线下面积差值为 CNN − 临床模型，配对 DeLong 检验；曲线下面积置信区间采用 DeLong 法。
results-note-delong-unpaired = CNN 内部 − 外部测试集：CNN 在各测试集全部有概率病例上的曲线下面积之差，非配对 DeLong 检验（Welch–Satterthwaite 自由度）。
results-note-cnn-call = CNN 概率 ≥ { $threshold }（其工作阈值）时判为阳性。
results-note-switches = 改变以同一阅片者对同一病例的AI辅助判断与其无AI辅助判断相比较。
results-note-clustered-ci = 比例合并了该组全部阅片；其置信区间考虑了同一阅片者的阅片之间以及同一病例的阅片之间的相关性（双向聚类稳健方差，Cameron、Gelbach 和 Miller 2011；基于有效样本量的 Wilson 区间，t 分布自由度为 min(阅片者数, 病例数) − 1）。
results-note-sequential = 最终（AI辅助）判断与同一次阅片中无AI辅助的初始判断相比较。
results-note-wilson = 每位阅片者的比例给出基于病例的 Wilson 得分置信区间。
results-note-reading-time = 有效阅片时间（页面隐藏或空闲时暂停计时）；差值采用阅片者平均时间的配对 t 检验。
results-note-fleiss = 阅片者对全部病例判断的 Fleiss κ。
results-note-kappa-ci = κ 的置信区间为按病例的刀切法（阅片者固定：κ 描述的是本组阅片者），t 分布自由度为病例数 − 1。
results-note-sample-size = 研究规划：在不同阅片者数下，检出第一列所示曲线下面积差值并达到目标检验效能所需的最少病例数（Obuchowski–Rockette 法，阅片者与病例均随机，采用本研究的方差分量；Hillis、Obuchowski 与 Berbaum 2011）。此表并非本研究的检验效能。
results-note-sample-size-target = 目标检验效能 { $power }%。
results-note-sample-size-observed = 待检出差值为本研究观察到的曲线下面积差值（辅助 − 无辅助，取绝对值）；可在表格上方输入具有临床意义的最小差值，以其进行规划。
results-note-sample-size-entered = 待检出差值为在结果页面输入的数值。
results-note-sample-size-cap = 空白行表示病例数在 2000 例以内均未达到目标检验效能。
results-note-sample-size-undefined = 无法计算样本量：本研究曲线下面积差值的方差估计不为正。
results-note-crossover-method = 以阅片者为受试对象的两阶段两顺序交叉设计分析（Grizzle 1965；Hills 与 Armitage 1979；Jones 与 Kenward 第 2 章）：计算每位阅片者在第 1 阶段与第 2 阶段全部病例上的曲线下面积与准确率；阶段效应与处理效应由阅片者的差值（第 1 阶段 − 第 2 阶段）估计，顺序效应由其和估计，均采用合并方差的两样本 t 检验（自由度 = 阅片者数 − 2）；病例视为固定。
results-note-crossover-sequence = 顺序效应比较两组阅片者两阶段的总和：它与残留效应及两组阅片者之间的差异相混杂，检验效能低（Freeman 1989）；仅作报告，不用于选择分析方法。
results-note-crossover-treatment = AI辅助 − 无AI辅助各行将病例视为固定，仅作核对；主要比较为多阅片者多病例分析（阅片者与病例均随机）。
results-note-crossover-too-few = 阶段效应与顺序效应要求每个交叉组至少有两位完成两个阶段的阅片者。
results-note-crossover-unassigned = 阅片阶段不符合任一组顺序（先无AI辅助后AI辅助，或相反）的阅片者未纳入本表。

## 图的坐标轴与报告各节 (analysis::figure::svg, analysis::export::html)
results-axis-fpr = 1 − 特异度
results-axis-tpr = 敏感度
results-table-continued = （续）
results-report-tables = 表格
results-report-figures = 图
results-report-gallery = Grad-CAM 热力图

# 定位（FROC）研究
results-localization-title = 按年资分组的定位性能（wAFROC）
results-localization-unaided = wAFROC，无AI辅助
results-localization-unaided-ci = wAFROC 95% CI，无AI辅助
results-localization-aided = wAFROC，AI辅助
results-localization-aided-ci = wAFROC 95% CI，AI辅助
results-localization-difference = wAFROC 差值（辅助 − 无辅助）
results-localization-difference-ci = 差值 95% CI
results-localization-f = F（OR，随机阅片者与随机病例）
results-localization-p = P
results-localization-note = 加权 AFROC 性能指标（每例异常病例计一次，其病灶按权重计；未标记的病灶与病例评分记为 −∞），采用 jackknife 协方差及 Obuchowski–Rockette 随机阅片者随机病例 F 检验（Hillis 自由度），与 RJafroc 一致；仅一名阅片者的组给出其 jackknife 95% CI 及配对 z 检验。标记是否命中病灶按本研究的规则判定；同一病灶上取评分最高的标记。
results-versus-ai-title = AI 作为阅片者与阅片者的比较（wAFROC）
results-versus-ai-ai = AI 的 wAFROC
results-versus-ai-ai-ci = AI 95% CI
results-versus-ai-unaided = 阅片者均值，无AI辅助
results-versus-ai-unaided-difference = 无辅助 − AI
results-versus-ai-unaided-difference-ci = 无辅助 − AI，95% CI
results-versus-ai-unaided-p = P（无辅助 vs AI）
results-versus-ai-aided = 阅片者均值，AI辅助
results-versus-ai-aided-difference = 辅助 − AI
results-versus-ai-aided-difference-ci = 辅助 − AI，95% CI
results-versus-ai-aided-p = P（辅助 vs AI）
results-versus-ai-note = AI 独立阅读每例病例一次：其标记为阳性类别 Grad-CAM 中达到图最大值一半的峰（最多 3 个），评分为其阳性类别概率乘以峰高比例，并与阅片者一样按本研究的规则判定。阅片者均值减去 AI 的 wAFROC，对差值采用单处理 Obuchowski–Rockette 检验（jackknife 协方差，Satterthwaite 自由度；即 RJafroc 的 StSignificanceTestingCadVsRad，方法 1T-RRRC）：阅片者与病例随机，AI 固定。AI 的 CI 为其 jackknife 正态近似区间。仅列出至少两名阅片者的组。
results-figure-wafroc = wAFROC 曲线（全部阅片者）
results-axis-fpf = 假阳性分数（有标记的正常病例）
results-axis-wllf = 加权病灶定位分数
results-figure-froc = FROC 曲线（全部阅片者）
results-axis-nlf = 每例非病灶定位数（NLF）
results-axis-llf = 病灶定位分数（LLF）

## 方法段落（app/src/ssr/results/methods.rs），依据研究设置与实际运行的分析生成；参考文献在两种语言中均保持英文。
results-methods-title = 方法
results-methods-references = 参考文献
methods-design-crossover = { $readers } 名放射科医师以交叉设计阅读 { $cases } 例测试病例（{ $positive_label } { $positive } 例，{ $negative_label } { $negative } 例）：每位阅片者分两个阶段阅读全部病例两次，两阶段间隔至少 { $washout } 天，一次无 AI 辅助、一次有 AI 辅助；半数阅片者先无辅助阅片，半数先有辅助阅片，病例顺序按阅片者及阶段随机排列。
methods-design-sequential = { $readers } 名放射科医师以序贯设计阅读 { $cases } 例测试病例（{ $positive_label } { $positive } 例，{ $negative_label } { $negative } 例）：每位阅片者先在无 AI 辅助下阅读每例病例，该结果提交且不可更改后，再在显示 AI 结果的情况下重新阅读；病例顺序按阅片者随机排列。
methods-readers = 阅片者按从业年限分组：低年资不超过 { $junior_max } 年（{ $junior } 名），中年资 { $intermediate_min }–{ $intermediate_max } 年（{ $intermediate } 名），高年资超过 { $intermediate_max } 年（{ $senior } 名）。{ $complete ->
    [0] 尚无阅片者在两种模式下读完全部病例。
   *[other] 在两种模式下读完全部病例的 { $complete } 名阅片者纳入分析。
}
methods-scale-confidence = 阅片者对每例病例判断为 { $positive_label } 或 { $negative_label }，并给出 0–100 的置信度；ROC 评分为：判断为 { $positive_label } 时 50 加置信度的一半，否则 50 减置信度的一半。
methods-scale-ordinal = 阅片者对每例病例按五级量表评分，从 1（肯定为 { $negative_label }）到 5（肯定为 { $positive_label }）。
methods-ai = 辅助阅片时显示 AI 判断为 { $positive_label } 的概率、其在 { $threshold }% 工作点的判断以及 Grad-CAM 热图（模型 { $model }）。
methods-analysis = 主要终点为阅片者平均的经验 ROC 曲线下面积（AUC）。无辅助与辅助 AUC 的比较采用 Obuchowski–Rockette 方法（{ $covariance ->
    [delong] DeLong
    [unbiased] 无偏（U 统计量）
   *[jackknife] jackknife
} 协方差，Hillis 分母自由度，阅片者与病例均为随机效应）({ $or }, { $hillis })；同时报告基于 jackknife 伪值的 Dorfman–Berbaum–Metz 分析 ({ $dbm }, { $hbm })。每位阅片者的 AUC 给出 DeLong 95% 置信区间 ({ $delong })，敏感度、特异度与准确率在两种模式间以 McNemar 检验比较 ({ $mcnemar })。各年资组分别分析，未做多重比较校正；检验均为双侧，α = { $alpha }。
methods-crossover = 阶段效应（第二阶段对第一阶段）与顺序效应（先用 AI 对后用 AI）以阅片者为受试对象，按两阶段两顺序交叉设计估计 ({ $grizzle })。
methods-localization = 阅片者还需标记每个可疑部位，并分别评分。标记{ $rule ->
    [radius] 位于病灶中心 { $radius }%（按图像宽度）范围内
   *[mask] 位于病灶掩膜内
}时计为病灶定位，同一病灶取评分最高的标记；其余标记计为非病灶定位。加权 AFROC 性能指标在两种模式间采用 Obuchowski–Rockette 方法（jackknife 协方差）比较，与 RJafroc 的计算一致 ({ $chakraborty })。
methods-localization-ai = AI 作为阅片者阅读全部病例：其标记为 { $positive_label } 的 Grad-CAM 峰值，评分为其概率；其 wAFROC 与阅片者均值的比较采用差值的单处理 Obuchowski–Rockette 检验（RJafroc 的 1T-RRRC）({ $chakraborty })。
methods-software = 分析使用 Lector { $version } 完成，其统计方法已在参考数据上与 iMRMC 4.0.3、RJafroc 2.1.3、MRMCaov 及 pROC 的结果核对。
methods-ref-or = Obuchowski NA, Rockette HE. Hypothesis testing of diagnostic accuracy for multiple readers and multiple tests: an ANOVA approach with dependent observations. Commun Stat Simul Comput. 1995;24(2):285–308.
methods-ref-hillis = Hillis SL. A comparison of denominator degrees of freedom methods for multiple observer ROC analysis. Stat Med. 2007;26(3):596–619.
methods-ref-dbm = Dorfman DD, Berbaum KS, Metz CE. Receiver operating characteristic rating analysis: generalization to the population of readers and patients with the jackknife method. Invest Radiol. 1992;27(9):723–731.
methods-ref-hbm = Hillis SL, Berbaum KS, Metz CE. Recent developments in the Dorfman-Berbaum-Metz procedure for multireader ROC study analysis. Acad Radiol. 2008;15({ $delong }):647–661.
methods-ref-delong = DeLong ER, DeLong DM, Clarke-Pearson DL. Comparing the areas under two or more correlated receiver operating characteristic curves: a nonparametric approach. Biometrics. 1988;44(3):837–845.
methods-ref-chakraborty = Chakraborty DP. Observer Performance Methods for Diagnostic Imaging: Foundations, Modeling, and Applications with R-Based Examples. Boca Raton: CRC Press; 2017.
methods-ref-mcnemar = McNemar Q. Note on the sampling error of the difference between correlated proportions or percentages. Psychometrika. 1947;12(2):153–157.
methods-ref-grizzle = Grizzle JE. The two-period change-over design and its use in clinical trials. Biometrics. 1965;21(2):467–480.
