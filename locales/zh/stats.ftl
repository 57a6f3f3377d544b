stats-title = 📊 <b>订阅与发送统计</b>
stats-subscribers = 👥 订阅者：{ $total }（私聊 { $private }，群组 { $groups }）
stats-inactive = 🚫 无法送达（已屏蔽机器人或被移出群）：{ $inactive }
stats-unsubscribed = 💤 已退订：{ $unsubscribed }
stats-broadcasts-title = <b>最近的发送</b>
stats-broadcasts-none = 暂无发送记录。
stats-broadcast-line =
    { $date } · { $label } · { $status }
       共 { $total }：✅ 送达 { $sent } · ❌ 失败 { $failed } · 🚫 屏蔽 { $blocked } · ⏳ 待发 { $pending }
stats-kind-notice = 活动提醒
stats-kind-adhoc = 通知
stats-kind-personal = 个人提醒
stats-kind-report = 报告
stats-status-sending = 发送中
stats-status-done = 已完成
stats-notice-on = “{ $title }” { $date }
stats-sent-now = ，立即发送
stats-sent-by = ，{ $name } 发出
