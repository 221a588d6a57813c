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

## 首页：空状态
empty-title = 尚无研究
empty-body = 一项研究包含病例、阅片者及其阅片结果（独立阅片与 AI 辅助阅片）。请在本服务器的命令行中创建第一项研究。
empty-show-steps = 查看入门步骤
empty-hide-steps = 隐藏步骤
empty-step-create = 创建研究，指定两个类别和阅片设计：
empty-step-reload = 刷新本页面，研究即会出现在列表中。

## 错误
not-found-title = 页面不存在
not-found-body = 此地址没有页面。页面可能已移动，或链接不完整。
not-found-back = 返回研究列表
