# /move 与 /skip：改期与取消某一次活动；/stats、/export 的小区统计
moveskip-usage-move = 用法：<code>/move 通知编号 原日期 新日期 [时:分]</code>，例如 <code>/move cleanup-day 2026-11-28 2026-11-29 08:30</code>。可用的编号：{ $ids }
moveskip-usage-skip = 用法：<code>/skip 通知编号 日期 [原因]</code>，例如 <code>/skip cleanup-day 2026-11-28 下雨</code>。可用的编号：{ $ids }
moveskip-unknown-notice = 没有编号为“{ $name }”的通知或活动。可用的编号：{ $ids }
moveskip-bad-date = “{ $value }”不是有效的日期，请写成 YYYY-MM-DD，例如 2026-11-29。
moveskip-bad-time = “{ $value }”不是有效的时间，请写成 时:分，例如 08:30。
moveskip-not-a-date = “{ $title }”在 { $date } 没有活动。接下来的日期：{ $dates }
moveskip-no-dates = 暂无
moveskip-past = “{ $title }”{ $date } 的活动已经开始或已过去，不能再改。
moveskip-to-past = 新的时间 { $when } 已经过去，请选一个将来的日期和时间。
moveskip-same = 新日期和原日期相同（{ $date }），没有要改的。
moveskip-taken = “{ $title }”在 { $date } 已经有（或有过）一次活动，请另选日期。
moveskip-move-preview =
    📅 <b>改期预览：“{ $title }”</b>
    原定：{ $from }
    改到：{ $to }
    已报名 { $people } 人（含候补）将收到通知（各用自己的语言），报名和排位保留。
    原日期的提醒不再发送，提醒按新日期发送。
moveskip-skip-preview =
    🚫 <b>取消预览：“{ $title }”{ $date }</b>
    原因：{ $reason }
    这一天不再发送提醒；已报名的 { $people } 人（含候补）将收到通知。
moveskip-no-reason = 未说明
moveskip-confirm = ✅ 确认
moveskip-cancel = ✖️ 取消
moveskip-cancelled = 已取消，什么也没有改。
moveskip-expired = 这个预览已失效（已超过一天），请重新发送命令。
moveskip-not-yours = 只有提出这个改动的工作人员才能确认。
moveskip-already = 这个改动已经完成了。
moveskip-moved = ✅ 已改期：“{ $title }”从 { $from } 改到 { $to }。已通知 { $people } 人。
moveskip-skipped = ✅ 已取消：“{ $title }”{ $date }。已通知 { $people } 人。
moveskip-told-move = 📅 <b>活动改期</b>：您报名的“{ $title }”原定 { $from }，改到 <b>{ $to }</b>。您的报名和排位保留，无需重新报名；不能参加请点提醒下方的“取消”按钮。
moveskip-told-skip = 🚫 <b>活动取消</b>：您报名的“{ $title }”{ $date } 这一次取消。原因：{ $reason }。下次活动见！
moveskip-prompt-move = 要改期“{ $title }”，请发送：<code>/move { $id } 原日期 新日期 [时:分]</code>。接下来的日期：{ $dates }
moveskip-prompt-skip = 要取消“{ $title }”的某一次，请发送：<code>/skip { $id } 日期 [原因]</code>。接下来的日期：{ $dates }
moveskip-stats-compounds = 🏘 <b>按小区</b>（订阅居民 · 报名人次）
moveskip-stats-compound-line = { $name }：{ $subscribers } 人订阅 · { $signups } 人次报名
moveskip-stats-none-chosen = 未选择小区
export-col-compound = 小区
