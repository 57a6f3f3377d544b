# Command menu descriptions (setMyCommands): at most 256 characters each, keys commands-<command>
commands-start = 订阅社区通知
commands-next = 各项活动的下次时间
commands-progress = 创建文明城市进度
commands-my = 我的报名和参与记录
commands-bulletins = 卫生健康专刊（往期和下一期）
commands-home = 选择我的小区
commands-help = 我能做什么
commands-lang = 切换语言 中文/English
commands-stop = 退订通知
commands-forgetme = 删除我的全部数据
commands-record = 记录进度：指标 数量 [备注]
commands-undo = 撤销我上一条进度记录
commands-target = 修改目标：指标 目标值
commands-signups = 报名名单：活动ID
commands-attended = 标记到场：活动ID 用户ID…
commands-party = 党员标记：用户ID on|off
commands-broadcast = 发通知：[to=小区] [at=时间] 内容
commands-correct = 更正已发通知（回复发送总结）
commands-event = 一次性活动：日期 时间 标题 [place= cap= to= at=]
commands-events = 活动和通知：修改、暂停、导出
commands-move = 活动改期：ID 原日期 新日期 [时:分]
commands-skip = 取消某一次活动：ID 日期 [原因]
commands-sendnow = 立即发送活动提醒：活动ID
commands-bulletin = 发布卫生健康专刊：[年-月] 标题 + 正文
commands-stats = 订阅与发送统计
commands-export = 导出 CSV
commands-survey = 知晓率问卷：发送 | results | close
commands-report = 工作总结 Word 文档：[年-月 | 年]
commands-staff = 管理工作人员：add|remove 用户ID
commands-district = 全区各社区汇总：[指标]
