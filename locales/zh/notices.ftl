# 活动提醒、/next、/sendnow、/broadcast、/stats

notices-reminder-title = ⏰ <b>{ $title }</b>
notices-reminder-date = 🗓 { $date }
notices-reminder-place = 📍 { $place }

notices-next-title = 📅 <b>各项活动的下次时间</b>
notices-next-line =
    • <b>{ $title }</b>
      { $date }
notices-next-line-place =
    • <b>{ $title }</b>
      { $date }，{ $place }
notices-next-none = • <b>{ $title }</b>：暂无安排
notices-next-empty = 目前没有已安排的活动。
notices-next-footer = 时间均为社区当地时间（{ $tz }）。

notices-sendnow-usage =
    用法：/sendnow 活动ID或名称（如 /sendnow 卫生日）
    立即发送该活动下一场的提醒。可用的活动：{ $ids }
notices-sendnow-unknown = 没有叫“{ $id }”的活动。可用的活动：{ $ids }
notices-sendnow-no-occurrence = “{ $title }”没有即将举行的场次，无法发送提醒。
notices-sendnow-no-bulletin = “{ $title }”还没有可发布的专刊（请先用 /bulletin 发布一期）。
notices-bulletin-missing = ⚠️“{ $title }”下一期将于 { $date } 发布，但还没有新的一期，到时不会发送。请在这里发布：<code>/bulletin { $month } 标题</code>，下面几行写正文；或者发一张照片或一个 PDF，说明写 <code>/bulletin { $month } 标题</code>。先预览，确认后保存。
notices-sendnow-queued = ✅ 正在发送“{ $title }”（{ $date }）的提醒，共 { $count } 个订阅者。计划中的这条提醒不会再重复发送。
notices-sendnow-resend = ⚠️ 这条提醒之前已经发送过，现在按您的要求再发送一次“{ $title }”（{ $date }），共 { $count } 个订阅者。
notices-sendnow-repeat-issue = ⚠️ “{ $title }”还没有新的一期，现在按您的要求把当前这一期再发送一次，共 { $count } 个订阅者。{ $date } 的定时发布不受影响：在那之前添加新的一期，届时会照常发布。

broadcast-usage =
    用法：/broadcast [to=小区,…] [at=YYYY-MM-DD HH:MM] 通知内容
    内容可以有多行。发送前会先给您预览，点“确认发送”后才会发给全体订阅者。
broadcast-too-long = 通知太长了（{ $length } 字），一条最多 { $max } 字，请缩短后重新发送。
broadcast-preview = 👀 <b>预览</b>：以下通知将发给 { $count } 个订阅者，确认发送吗？
broadcast-confirm = ✅ 确认发送
broadcast-cancel = ✖️ 取消
broadcast-sending = 📤 已确认，正在发送给 { $count } 个订阅者…
broadcast-cancelled = ✖️ 已取消，这条通知没有发送。
broadcast-nobody = 📭 现在没有人会收到这条通知：还没有订阅者。没有发送。
broadcast-to-nobody = 📭 现在没有人会收到这条通知：“{ $names }”还没有居民或群订阅。没有发送。（加上 at=… 仍可定时，到时再发。）
broadcast-expired = 草稿已失效，请重新发送 /broadcast。
broadcast-not-yours = 只有发起这条通知的工作人员才能确认或取消。
broadcast-already-sent = 这条通知已经确认发送了。

