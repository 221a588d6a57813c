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

## 邀请
invite-title = 设置密码
invite-welcome = 欢迎您，{ $name }。
invite-account = 您的账户：
invite-password = 新密码
invite-password-hint = 至少 { $min } 个字符。
invite-confirm = 再次输入密码
invite-submit = 保存并登录
invite-error-unusable = 此邀请链接已被使用或已过期，请索取新的链接。
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
