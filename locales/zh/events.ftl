events-none-waiting = ⏰ 没有等待定时发送的通知。
events-waiting-title = ⏰ <b>等待定时发送的通知</b>
events-waiting-item = { $id } · { $at } · { $to } · { $media }{ $text }
events-to-all = 全体
events-cancel-button = ✖️ 取消 { $id }
events-cancelled = 已取消 { $id }，它不会发送。
events-not-waiting = { $id } 已经发送或取消了。

# 一次性活动（/event）和 /events 里通知的按钮
event-error-usage =
    请这样写：/event 2026-06-05 08:30 世界环境日骑行 place="柳河路40号" cap=150 to=柳东新村 at=2026-06-01 19:00
    （place=、cap=、to= 和 at= 可以不写；地点有空格请加引号。）也可以只发 /event，我一步一步问。
event-error-twice = “{ $name }=”写了两次，请只写一次。
event-error-bad-date = 看不懂日期“{ $value }”，请写成 2026-06-05（一步步创建时也可以写 6月5日、6-5、明天）。
event-error-bad-time = 看不懂时间“{ $value }”，请写成 08:30（24 小时制）。
event-error-past = 这个日期和时间已经过去了，请选一个以后的时间。
event-error-title-empty = 活动需要一个标题。
event-error-title-long = 标题太长了，最多 { $max } 个字。
event-error-place-long = 地点太长了，最多 { $max } 个字。
event-error-bad-cap = “{ $value }”不是有效的名额：请写 1 到 { $max } 的整数；不限名额就不写 cap=。
event-error-bad-at = 看不懂时间“{ $value }”，请写成 at=2026-06-01 19:00（社区时间）。
event-error-at-past = at= 的时间已经过去了，请选一个以后的时间。
event-error-at-after = at= 的时间不在活动开始之前，请在活动开始前发布。
event-preview-title = 👀 <b>预览</b>：一次性活动
event-line-title = 📌 { $title }
event-line-date = 🗓 { $date }
event-line-place = 📍 { $place }
event-line-cap = 👥 名额 { $cap } 人，满额后进入候补
event-line-no-cap = 👥 不限名额
event-line-to = 📣 发给“{ $names }”：{ $count } 位订阅者
event-line-all = 📣 发给全体：{ $count } 位订阅者
event-line-at = ⏰ 于 { $at } 发布（若届时机器人未运行，6 小时内启动时补发；更晚则不发，并通知您）
event-preview-ask = 点“确认”后发布活动并附报名按钮；活动前一天 19:00 提醒全体，开始前提醒每位报名者。
event-default-text = 欢迎大家参加，请点下面的按钮报名。
event-confirmed = ✅ 活动 <b>{ $id }</b> 已创建，并已发给 { $count } 位订阅者。/signups { $id } 可查看报名情况。
event-confirmed-at = ✅ 活动 <b>{ $id }</b> 已创建，将于 { $at } 发布，届时开始报名。
event-confirm = ✅ 确认
event-cancel = ✖️ 取消
event-cancelled = 已取消，没有创建活动。
event-expired = 这个预览已失效（已超过一天），请重新发送 /event。
event-not-yours = 只有写这个活动的工作人员才能确认。
event-already = 这个活动已经创建了。
event-steps-cancelled = 已停止，没有创建活动。
event-ask-date = 🗓 哪一天？例如 { $today }、6月5日、6-5、明天、后天。（/cancel 停止）
event-ask-time = 🕗 几点开始？例如 08:30
event-ask-title = 📌 活动标题是？
event-ask-place = 📍 在哪里？（没有地点请写“-”）
event-ask-cap = 👥 多少个名额？（写数字；不限名额请写“-”）
event-ask-to = 📣 发给哪些小区？多个用逗号分开，发给全体请写“-”。（{ $list }）
event-ask-at = 📣 什么时候发布？写“-”表示确认后立即发布，或写日期和时间，例如 明天 19:00、2026-12-10 19:00（社区时间）。

events-usage = /events 列出活动和通知；/events export 把它们导出为 JSON 文件。
events-events-title = 📅 <b>即将举行的一次性活动</b>
events-no-events = （暂无；用 /event 创建）
events-recurring-title = 🔁 <b>定期通知</b>
events-notice-item = <b>{ $id }</b> · { $title } · { $when }{ $cap }{ $paused }
events-no-date = 没有下一次日期
events-cap = { " " }· 名额 { $cap }
events-no-cap = { " " }· 不限名额
events-paused-mark = { " " }· ⏸ 已暂停
events-open-button = ⚙️ { $id }
events-edit-text = ✏️ 正文
events-edit-time = 🕗 时间
events-edit-place = 📍 地点
events-edit-cap = 👥 名额
events-pause = ⏸ 暂停
events-resume = ▶️ 恢复
events-back = ↩️ 列表
events-paused = { $id } 已暂停：恢复之前不发提醒，也不能报名。
events-resumed = { $id } 已恢复。
events-unknown = 没有编号为“{ $id }”的通知或活动。
events-field-text = 正文
events-field-time = 时间
events-field-place = 地点
events-field-capacity = 名额
events-ask-value = 请发送 { $id } 新的{ $field }（现在是：{ $current }）。发 /cancel 保持不变。
events-edit-cancelled = 没有修改。
events-text-too-long = 正文太长了，最多 { $max } 个字。
events-changed = ✅ { $id } 的{ $field }已改为：{ $value }
events-change-refused = 没有修改：{ $problem }
events-export-caption = 当前的通知（{ $count } 条），格式与 data/notices.json 相同：可作备份，也可作为新存储的初始数据。
events-move-date = 📅 改期某一次
events-skip-date = 🚫 取消某一次
