# Lector — 简体中文目录。每个键都必须在 en.ftl 中存在（有测试检查）。

app-name = Lector
app-tagline = 多阅片者多病例研究
footer-about = 自托管的放射学阅片研究平台
language-label = 语言

## 首页：研究列表
home-title = 研究
home-subtitle = 本服务器上的阅片研究，按创建时间从新到旧排列。
home-loading = 正在加载研究…
home-filter-placeholder = 按名称或类别筛选
home-filter-label = 筛选研究
home-count = 共 { $total } 项研究，显示 { $shown } 项
home-col-study = 研究
home-col-classes = 类别（阳性 / 阴性）
home-col-design = 设计
home-col-created = 创建日期
design-crossover = 交叉设计（含洗脱期）
design-sequential = 序贯设计（每例先独立阅片，后参考 AI）
task-classification = 分类（每例给出判断与评分）
task-localization = 定位（阅片者标记每个病灶，FROC）
mark-rule-mask = 落在病灶内（病灶掩膜内）
mark-rule-radius = 距病灶中心一定半径内

## 首页：空状态
empty-title = 尚无研究
empty-body = 一项研究包含病例、阅片者及其阅片结果（独立阅片与 AI 辅助阅片）。可以在此创建第一项研究，也可以在本服务器的命令行中创建。
empty-show-steps = 查看入门步骤
empty-hide-steps = 隐藏步骤
empty-step-create = 创建研究，指定两个类别和阅片设计：
empty-step-reload = 刷新本页面，研究即会出现在列表中。

## 错误
not-found-title = 页面不存在
not-found-body = 此地址没有页面。页面可能已移动，或链接不完整。
not-found-back = 返回研究列表

## Shared
loading = 正在加载…
action-sign-in = 登录
value-unknown = —
welcome-title = 欢迎使用 Lector
welcome-body = Lector 用于开展多阅片者多病例（MRMC）阅片研究：协调员导入病例并登记放射科医师，阅片者在有无 AI 辅助的条件下阅片，统计结果可直接用于论文。请使用协调员为您提供的账号登录。
home-new-study = 新建研究
empty-step-import = 在服务器上导入病例（含 manifest.csv 与图像的文件夹，例如体模数据），或在研究的“病例”页上传 zip：

## Values
split-train = 训练集
split-internal = 内部测试集
split-external = 外部测试集
split-practice = 练习
seniority-junior = 低年资
seniority-intermediate = 中年资
seniority-senior = 高年资
mode-unaided = 无 AI 辅助
mode-aided = AI 辅助
scale-confidence = 诊断 + 置信度 0–100
scale-ordinal5 = 5 级评分
backnav-none = 不可返回
backnav-within-session = 同一阶段内可返回
ai-state-idle = 尚未运行
ai-state-running = 运行中
ai-state-done = 已完成
ai-state-failed = 失败
error-unauthorized = 请先登录。
error-forbidden = 您的账户无权进行此操作。如需访问权限，请联系研究协调员。
error-not-found = 该内容不存在，或您的账户无权查看。
error-internal = 服务器未能完成此操作。请重试；若仍然失败，请联系管理员查看服务器日志。
error-transport = 无法连接服务器。请检查网络连接后重试。
audit-kind = 显示
audit-kind-all = 全部事件
audit-kind-reads = 阅片与修改
audit-kind-sessions = 提前开放的阶段
audit-kind-settings = 研究设置
audit-kind-readers = 阅片医师
audit-kind-cases = 病例导入
audit-kind-ai = AI 运行
audit-older = 更早的记录
audit-newer = 较新的记录
role-admin = 管理员
role-coordinator = 研究协调员
role-reader = 阅片医师
group-a = A 组（先无 AI 辅助）
group-b = B 组（先 AI 辅助）
stage-single = 评分
stage-unaided = 无 AI 辅助评分
stage-final = 参考 AI 后的最终评分
locale-en = 英语
locale-zh-CN = 简体中文

## Study pages
tab-overview = 概览
tab-settings = 设置
tab-cases = 病例
tab-readers = 阅片者
tab-progress = 进度
tab-audit = 审计记录
new-study-title = 新建研究
new-study-subtitle = 填写研究名称、两个类别和阅片设计。在保存第一条阅片结果之前，这些内容都可以修改。
overview-counts = { $total } 例病例（阳性 { $positive } 例），{ $readers } 名阅片者
overview-practice-short = 设置要求 { $asked } 个练习病例，但本研究只有 { $available } 个：阅片医师将只看到 { $available } 个。请导入更多练习病例或调低数量。
overview-locked = 阅片已开始：设置和病例集已锁定。
overview-open = 阅片尚未开始：设置和病例仍可修改。
overview-step-import = 导入病例
overview-step-readers = 登记阅片者并发送邀请链接
overview-step-progress = 跟踪阅片进度

## Settings
settings-name = 研究名称
settings-positive = 阳性类别（如 OS、骨肉瘤）
settings-negative = 阴性类别（如 GCT、骨巨细胞瘤）
settings-design = 阅片设计
settings-washout = 两阶段之间的洗脱期（天）
settings-task = 阅片任务
settings-mark-rule = 标记判为命中病灶的条件
settings-radius = 接受半径（占图像宽度的百分比）
settings-scale = 评分方式
settings-backnav = 返回已读病例
settings-splits = 阅片者阅读的数据集
settings-practice = 练习病例数
settings-seed = 随机种子
settings-junior-max = 低年资：工作年限不超过
settings-intermediate-max = 中年资：工作年限不超过
settings-show-clinical = 向阅片者显示年龄、性别和病变部位
settings-show-ai-marks = 辅助阅片时显示 AI 标记
settings-deid = 导入 DICOM 图像的去标识化
settings-deid-help = Lector 只保存每个 DICOM 文件的去标识化副本（DICOM PS3.15 基本应用级保密配置）：删除姓名、编号、日期、机构和操作者，并替换 UID。这些选项适用于本研究的每次导入，首次导入后即固定。
settings-deid-frozen = 已固定：本研究已有病例，每次导入都须以相同方式去标识化。
settings-deid-characteristics = 保留患者的年龄、性别、身高和体重
settings-deid-descriptions = 保留检查和序列描述（其中可能含有患者或医生的姓名）
settings-deid-burned-in = 接受带有烧录注释的图像（其像素中可能显示姓名）
settings-default-language = 默认语言
settings-create = 创建研究
settings-save = 保存设置
settings-saved = 设置已保存；病例顺序已重新分配。
settings-locked = 阅片已开始，这些设置已锁定。如需使用其他设置，请新建研究。

## Cases
cases-title = 病例
cases-empty = 尚无病例。请在上方导入 zip，或在服务器上运行 lector import。
import-title = 导入病例
import-help = 一个 zip 文件，包含 manifest.csv（case_id、file、truth、age、sex、location、site、split）及其列出的图像（PNG、JPEG 或 DICOM）。全部成功或全部不导入：任何问题都会拒绝整个导入，并逐行列出需要修正之处。
import-submit = 导入
import-running = 正在导入…
pacs-title = 从 PACS 导入（{ $host }）
pacs-help = 一个 CSV 文件，为每个病例指明其在 PACS 中的检查：case_id，然后是 study_uid 或 accession、truth 和 split，可选 age、sex、location 和 site。Lector 通过 DICOMweb 获取每个检查的第一幅图像，只保存其去标识化副本，并全部成功或全部不导入；失败后再次导入会从中断处继续，不会重复获取。
pacs-modality = 序列模态（可选，如 CR）
pacs-submit = 从 PACS 导入
pacs-file = 清单 CSV
import-file = 病例 zip 文件
import-key = 提供再标识密钥（原标识符 → 新标识符；Lector 不保留副本）
import-key-download = 下载再标识密钥
import-key-warning = 此文件可将每个病例关联到医院系统中的患者和检查。Lector 不保留副本，也无法再次显示：请将其保存在只有获准再标识者才能读取的位置。
pacs-series = 序列描述（可选，* 为通配符，如 *LAT*）
pacs-progress-fetching = 已从 PACS 获取 { $done } / { $total } 例病例…
pacs-progress-preparing = 已获取全部 { $total } 例病例；正在检查并保存其去标识化副本…
import-too-large = 该 zip 文件超过了服务器允许通过浏览器上传的大小。请拆分为较小的 zip 文件，或在服务器上使用 `lector import` 导入。
import-accepted = 已导入 { $imported } 例病例（{ $splits }）；跳过 { $skipped } 行。
import-rejected = 未导入任何病例：有 { $problems } 个问题需要修正。
ai-run-title = AI 批量推理
ai-run-summary = { $cases } 例病例中有 { $scored } 例已有模型 { $version } 的输出。
ai-run-start = 运行 AI

## Readers
readers-title = 阅片者
readers-enrol-title = 登记阅片者
readers-enrol-submit = 登记
readers-csv-title = 从 CSV 登记
readers-csv-help = 列：name、email、hospital、years（骨肌影像诊断工作年限），可选 seniority。全部成功或全部不登记。
readers-csv-submit = 全部登记
readers-override = 年资分组
readers-derived = 按工作年限
readers-empty = 尚未登记阅片者。
readers-invite-help = 请将链接分别发送给每位阅片者；链接仅可使用一次，14 天后失效。
readers-already-joined = 已有账号
readers-joined = 已加入
readers-reinvite = 新邀请链接
readers-new-link = 新邀请链接：

## Progress and audit
progress-title = 阅片进度
progress-open-early = 立即开放
progress-open-early-reason = 提前结束洗脱期的原因
progress-empty = 尚无阅片者获得病例顺序：请先导入病例并登记阅片者。
audit-title = 审计记录
audit-intact = 哈希链校验通过：没有记录被修改或删除。
audit-broken = 哈希链在第 { $row } 行断开：有记录被修改或删除。

## Columns
col-name = 姓名
col-email = 电子邮箱
col-hospital = 医院
col-years = 年限
col-seniority = 年资
col-group = 分组
col-joined = 账号
col-reader = 阅片者
col-session = 阶段
col-done = 已完成
col-median-time = 每例中位用时
col-last-activity = 最近活动
col-opens-on = 第二阶段开放日期
col-time = 时间（UTC）
col-actor = 操作者
col-action = 操作
col-detail = 详情
col-row = 行
col-case = 病例
col-problem = 问题
col-truth = 金标准
col-split = 数据集
col-site = 医院来源
col-age-sex = 年龄 / 性别
col-location = 部位
col-ai = AI 概率

## Reading
worklist-title = 我的阅片
worklist-session = 第 { $n } 阶段
worklist-continue = 继续
worklist-done = 已完成
worklist-washout = 洗脱期结束后于 { $date } 开放
worklist-practice-first = 完成练习病例后开放
worklist-previous-first = 完成上一阶段后开放
reading-title = 阅片
reading-progress = 已完成 { $done } / { $total } 例
reading-done-title = 本阶段已完成，谢谢。
reading-back = 返回阅片列表
reading-call = 您的诊断
reading-confidence = 置信度（0–100）
reading-ordinal = 评分（1 = 肯定阴性 … 5 = 肯定阳性）
reading-score-typed = 或直接输入
reading-score-unset = 提交前请给出评分：拖动滑块、使用方向键或输入数字。评分没有默认值。
reading-submit = 提交（Enter）
reading-marks = 标记
reading-marks-help = 在图像上点击每个可疑部位，再为每个标记评分；拖动标记可移动它，也可按 Tab 选中后用方向键移动（Delete 删除）。拖动图像仍可平移；按住 Shift 拖动或使用右键可调节窗宽窗位。
reading-marks-none = 尚无标记：提交即表示未发现需要标记的部位。
reading-mark-delete = 删除
reading-mark-confidence = 确信其为病灶的程度（0–100）
reading-mark-ordinal = 评分（1 = 肯定不是病灶 … 5 = 肯定是病灶）
reading-mark-label = 标记 { $number }：按 Tab 选中，方向键移动（按住 Shift 移动更快），Delete 删除
reading-ai-mark = AI 标记：病灶可能性 { $probability }%
ai-marks = AI 标记了 { $count } 处：图像上的菱形，各附病灶概率。
ai-marks-none = AI 未在此图像上标记任何部位。
reading-unaided-was = 您的独立阅片：{ $call }，评分 { $score }
practice-correct = 正确：答案是 { $truth }。
practice-wrong = 不正确：答案是 { $truth }。
reading-next-case = 下一病例（Enter）
reading-practice-image = 您刚作答的练习病例
reading-practice-outline = 本例病灶轮廓
clinical-age = 年龄
clinical-sex = 性别
clinical-site = 病变部位
ai-title = AI
ai-probability = { $label } 的概率：{ $probability }%
ai-call = AI 判断：{ $label }（概率 ≥ { $threshold }% 时判为 { $positive }）。
viewer-tools = 阅片工具
viewer-zoom-in = 放大（+）
viewer-zoom-out = 缩小（−）
viewer-window = 下一个窗宽/窗位预设（W）；按住右键拖动可调节窗宽/窗位
viewer-invert = 反色（I）
viewer-reset = 复位（R）
viewer-heatmap = 热力图（H）
viewer-opacity = 热力图透明度
viewer-help = 阅片页面快捷键
viewer-help-close = ?：显示或隐藏此列表 · Esc：隐藏
viewer-keys = 滚轮或 +/−：缩放 · 拖动或方向键：平移 · 右键拖动：窗宽/窗位 · W：预设窗 · I：反相 · R：复位 · H：热图 · 1/2：诊断 · Enter：提交 · ?：全部快捷键
viewer-image = X 线片

## 登录与退出
auth-sign-in = 登录
auth-sign-out = 退出登录
auth-checking = 正在验证您的账户…
auth-sign-in-needed = 请先登录后再查看此页面。
auth-forbidden = 您的账户无权打开此页面。如需访问，请联系管理员。
login-title = 登录
login-subtitle = 请使用您的 Lector 账户邮箱和密码登录。
login-email = 邮箱
login-password = 密码
login-submit = 登录
login-no-account = 还没有账户？请向研究协调员或管理员索取邀请链接。
login-error-wrong = 邮箱或密码错误。
login-error-throttled = 登录失败次数过多，请等待 15 分钟后再试。
login-error-disabled = 此账户已被停用，请联系管理员重新启用。
login-error-email-too-long = 此邮箱地址超过 254 个字符，请检查后重新输入。

## 邀请
invite-title = 设置密码
invite-welcome = 欢迎您，{ $name }。
invite-account = 您的账户：
invite-password = 新密码
invite-password-hint = 至少 { $min } 个字符。
invite-confirm = 再次输入密码
invite-submit = 保存并登录
invite-error-unusable = 此邀请链接无效。请确认链接已完整复制，或向研究协调员索取新的链接。
invite-error-used = 此邀请链接已被使用，您的账户已设置密码。请直接使用邮箱和密码登录。
invite-error-superseded = 此链接已被一封更新的邀请取代，请使用您最近收到的链接。
invite-error-expired = 此邀请链接已过期，请向研究协调员索取新的链接。
invite-error-short = 密码太短，请至少设置 10 个字符。
invite-error-differ = 两次输入的密码不一致，请输入相同的密码。

## 管理：协调员账户
admin-users-title = 协调员
admin-users-subtitle = 协调员负责创建研究、招募阅片者和导入病例。
admin-users-create = 添加协调员
admin-users-name = 姓名
admin-users-email = 邮箱
admin-users-create-submit = 创建并获取链接
admin-users-link-hint = 请将此一次性链接发送给新协调员，链接 7 天内有效。
admin-users-none = 暂无协调员。
admin-users-status = 状态
admin-users-created = 创建日期
admin-users-status-active = 已启用
admin-users-status-invited = 已邀请
admin-users-status-disabled = 已停用
admin-users-disable = 停用
admin-users-enable = 启用
progress-orders-download = 下载病例顺序（CSV）
reading-rating-disagrees = 评分与您的诊断方向相反：诊断为阳性类别时评分须为 3 或以上，阴性类别须为 3 或以下。
reading-previous = ← 上一例
reading-correcting = 正在修改您之前的阅片：{ $call }，评分 { $score }

## 结果页
tab-results = 结果
report-title = 研究结果
report-refresh = 重新计算
report-exports = 下载
report-export-xlsx = 表格（XLSX）
report-export-zip = 表格（每表一个 CSV，zip）
report-export-csv = 表格（CSV）
report-export-markdown = 表格（Markdown）
report-export-latex = 表格（LaTeX）
report-export-html = 报告（HTML）
report-export-reads = 全部阅片记录（CSV）
report-export-imrmc = iMRMC 格式阅片数据
report-export-rjafroc = RJafroc 格式阅片数据（XLSX）
report-export-marks = 定位标记（ZIP，用于 lector analyze --marks / RJafroc）
report-export-audit = 审计记录（CSV）
report-export-methods = 方法段落及参考文献（文本）
report-export-figures = 图（SVG 与 300 dpi PNG，zip）
report-figure-svg = SVG
report-figure-png = PNG（300 dpi）
report-plan-title = 规划后续研究（样本量表）
report-plan-effect = 待检出的 AUC 差值
report-plan-observed = 观察值
report-plan-power = 检验效能（%）
report-readers-complete = { $enrolled } 名阅片者中有 { $complete } 名已在两种模式下读完全部病例；MRMC 分析基于这些阅片者。
report-pending = 至少两名阅片者在无 AI 辅助和有 AI 辅助两种模式下读完全部病例后，表格才会显示。目前的阅片记录已可下载。
report-gallery-title = Grad-CAM 热力图示例
report-gallery-correct = CNN 判断正确
report-gallery-wrong = CNN 判断错误
report-tsne-title = CNN 特征的 t-SNE 图（测试病例）
report-tsne-class = 类别
report-tsne-site = 医院
report-meta-design = 设计
report-meta-readers = 入组阅片者
report-meta-readers-analysed = 纳入分析的阅片者（两种模式下读完全部病例）
report-meta-cases = 测试病例
report-meta-model = 模型版本
report-covariance = 协方差估计（OR 法）
report-covariance-jackknife = 刀切法
report-covariance-delong = DeLong 法
report-covariance-unbiased = 无偏估计
