core-welcome =
    👋 您好，{ $name }！我是<b>{ $community }通知助手</b>。
    
    我会按时提醒您：
    🧹 每月周末卫生日
    🐀 每月“除四害”日
    📰 每两个月一期的卫生健康专刊
    🎓 市民学校每月讲座
    
    收到提醒后，点“报名”按钮或回复“报名”即可当志愿者。
    还可以问我创城进度，比如“知晓率是多少？”
    
    ✅ 您已订阅社区通知。发送 /stop 可随时退订，/help 查看全部功能。
core-welcome-group =
    👋 大家好！我是<b>{ $community }通知助手</b>。本群已订阅社区通知（卫生日、除四害、健康专刊、市民学校讲座）。
    收到提醒后，回复提醒消息“报名”或点按钮即可报名。
core-welcome-back = 欢迎回来，{ $name }！您已重新订阅社区通知。
core-choose-lang = 请选择语言 / Choose your language:
core-lang-set = ✅ 已切换为中文。
core-help =
    <b>我能做什么</b>
    /start — 订阅社区通知
    /next — 各项活动的下次时间
    /progress — 创建文明城市进度（可加指标名看详情，如 /progress 知晓率）
    /my — 我的报名和参与记录
    /bulletins — 卫生健康专刊：往期和下一期
    /home — 选择我所在的小区（群里由工作人员绑定）
    /lang — 切换语言 中文 / English
    /stop — 退订通知
    /forgetme — 删除我的全部数据
    
    也可以直接问我：“知晓率是多少？”“清运了多少车垃圾？”“知晓率达标了吗？”“下次卫生日是哪天？”
core-help-staff =
    
    <b>工作人员命令</b>
    /record 指标 数量 [备注] — 记录进度，如 /record 垃圾 12车 高峰南巷（/undo 撤销自己上一条）
    /target 指标 目标值 — 修改目标，如 /target 知晓率 96
    /signups 活动ID — 查看报名名单
    /attended 活动ID [日期] 用户ID… — 标记到场；/attended cleanup-day 2026-11-28 +180 录入现场未登记的人数
    /broadcast [to=小区,…] [at=YYYY-MM-DD HH:MM] 内容 — 发通知（可只发给某些小区、定时发送；图片或文件的说明写 /broadcast … 即发海报）
    /correct 新内容 — 回复某条通知的发送总结，原地更正已发出的每一条（48 小时内）
    /event 日期 时间 标题 [place=地点] [cap=名额] [to=小区,…] [at=YYYY-MM-DD HH:MM] — 一次性活动，可报名（编号 e1、e2…）；只发 /event 则一步一步问
    /events — 即将举行的活动和定期通知（改正文、时间、地点、名额，暂停、恢复）及等待定时发送的通知；/events export — 导出通知 JSON（备份）
    /move 活动ID 原日期 新日期 [时:分] — 某一次活动改期（报名随之保留，已报名者收到通知）
    /skip 活动ID 日期 [原因] — 取消某一次活动（不再提醒，已报名者收到通知和原因）
    /sendnow 活动ID — 立即发送某项活动的提醒
    /bulletin [年-月] 标题 + 下面几行正文 — 发布卫生健康专刊（也可发照片或 PDF，说明写这一行；先预览再确认）
    /party 用户ID on|off — 标记/取消党员（到场计入党员参与人次）
    /stats — 订阅与发送统计（含各小区）
    /export — 导出 CSV（含小区一列）
    /survey — 发送知晓率问卷（/survey results 看结果，/survey close 结束本轮）
    /report [2026-11 | 2026] — 生成工作总结（Word 文档）
core-help-admin =
    /staff add|remove 用户ID — 添加/移除工作人员
core-stopped = 已退订。您将不再收到社区通知。想重新订阅，发送 /start 即可。
core-stop-group-admins = 只有本群管理员或社区工作人员可以为整个群退订通知。
core-not-subscribed = 您目前没有订阅。发送 /start 订阅社区通知。
core-forgotten = 🗑 已删除您在本机器人的全部记录（个人资料、订阅、报名 { $signups } 条）。如需再次使用，发送 /start。
core-error = 抱歉，出了点问题，请稍后再试。
core-staff-only = 抱歉，这个命令只有社区工作人员可以使用。
core-admin-only = 抱歉，这个命令只有管理员可以使用。
core-staff-usage = 用法：/staff add 用户ID 或 /staff remove 用户ID。用户ID 是一串数字：报名名单（/signups 活动ID）里每个名字后面的数字就是，/export 的报名表里也有；只发 /staff 可查看现有工作人员的ID。
core-staff-added = ✅ 用户 { $id } 已成为工作人员。
core-staff-already = 用户 { $id } 已经是工作人员或管理员。
core-staff-removed = ✅ 已取消用户 { $id } 的工作人员身份。
core-staff-not = 用户 { $id } 不是工作人员。
core-staff-is-admin = 用户 { $id } 是管理员（ADMIN_IDS 中配置），不能在这里移除。
core-staff-list = 当前管理员与工作人员：
core-unknown-command = 没有这个命令。发送 /help 查看我能做什么。
# the community named in greetings when data/community.json names none
core-community-generic = 社区
