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
results-col-away-from-ai = 改为与 CNN 不一致
results-col-away-from-ai-eligible = 无AI辅助判断与 CNN 一致
results-col-away-from-ai-rate = 改为与 CNN 不一致的比例（%）
results-col-rate = 比例（%）
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
results-note-mcnemar = 阅片者判断正确与否（无AI辅助与AI辅助）的精确 McNemar 检验。
results-note-holm = P 值经 Holm 逐步法在阅片者间校正。
results-note-cad-vs-readers = 阅片者无AI辅助平均曲线下面积减去 CNN 曲线下面积，阅片者随机（单一阅片方式的 Obuchowski–Rockette 检验，Hillis 自由度）；CNN 的 95% 置信区间采用 DeLong 法。
results-note-cases-without-cnn = 无 CNN 概率的病例未纳入此比较。
results-note-cases-missing-probability = 缺少 CNN 或临床模型概率的病例未纳入相应比较。
results-note-delong-paired = CNN 与临床模型比较：曲线下面积差值为 CNN − 临床模型，配对 DeLong 检验；曲线下面积置信区间采用 DeLong 法。
results-note-delong-unpaired = CNN 内部 − 外部测试集：CNN 在各测试集全部有概率病例上的曲线下面积之差，非配对 DeLong 检验（Welch–Satterthwaite 自由度）。
results-note-cnn-call = CNN 概率 ≥ { $threshold }（其工作阈值）时判为阳性。
results-note-switches = 改变以同一阅片者对同一病例的AI辅助判断与其无AI辅助判断相比较。
results-note-sequential = 最终（AI辅助）判断与同一次阅片中无AI辅助的初始判断相比较。
results-note-reading-time = 有效阅片时间（页面隐藏或空闲时暂停计时）；差值采用阅片者平均时间的配对 t 检验。
results-note-fleiss = 阅片者对全部病例判断的 Fleiss κ。
results-note-sample-size = 在不同阅片者数下，检出本研究观察到的曲线下面积差值达到目标检验效能所需的最少病例数（Obuchowski–Rockette 法，阅片者与病例均随机；Hillis、Obuchowski 与 Berbaum 2011）。
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
