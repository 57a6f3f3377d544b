signup-joined = ✅ 已报名 { $date } { $title } — 你是第 { $position } 位{ $headcount ->
    [1] {""}
   *[other] （共 { $headcount } 人）
}
signup-waitlisted = ⏳ { $date } { $title } 名额已满，已为你排入候补 — 候补第 { $position } 位。有人取消时会立即通知你。
signup-already = 你已报名 { $date } { $title } — 第 { $position } 位{ $headcount ->
    [1] {""}
   *[other] （共 { $headcount } 人）
}
signup-already-waiting = 你已在 { $date } { $title } 的候补名单中 — 候补第 { $position } 位。
signup-headcount-changed = ✅ 已将 { $date } { $title } 的报名人数改为 { $headcount } 人 — 第 { $position } 位。
signup-headcount-changed-waiting = ✅ 已将 { $date } { $title } 的报名人数改为 { $headcount } 人 — 候补第 { $position } 位。
signup-closed = 抱歉，{ $date } { $title } 的报名已截止。
signup-started = { $date } { $title } 已经开始，不能再报名或取消了。
signup-too-many-party = 抱歉，每次报名最多 { $max } 人（含你自己）。请回复“报名 N人”重新填写人数。
signup-too-many-capacity = 抱歉，这次一共只有 { $max } 个名额。请回复“报名 N人”重新填写人数。
signup-too-many-places = 抱歉，剩余名额不够：你的报名最多可以是 { $max } 人（含你已报的）。请回复“报名 N人”重新填写人数。
signup-full = 抱歉，名额已满，不能再增加人数。
signup-cancelled = 已取消 { $date } { $title } 的报名。期待下次见！
signup-cancelled-waiting = 已退出 { $date } { $title } 的候补名单。
signup-not-signed-up = 你还没有报名 { $date } { $title }。
signup-invalid = 这个按钮已失效，请使用最新的提醒消息。
signup-promoted = 🎉 有人取消了，你已从候补转为正式报名：{ $date } { $title } — 第 { $position } 位。如不能参加，请在提醒消息上点“取消”或回复“取消”。
signup-choose-join = 你想报名哪一项？
signup-choose-cancel = 你想取消哪一项报名？
signup-choice-join = 报名 { $title } { $date }
signup-choice-cancel = 取消 { $title } { $date }
signup-nothing-to-cancel = 你目前没有可以取消的报名。
signup-my-title = <b>我的报名</b>
signup-my-none = 暂无即将进行的报名。收到活动提醒后点“报名”即可参加。
signup-my-item = • { $date } { $title } — 第 { $position } 位{ $headcount ->
    [1] {""}
   *[other] （{ $headcount } 人）
}
signup-my-item-waiting = • { $date } { $title } — 候补第 { $position } 位{ $headcount ->
    [1] {""}
   *[other] （{ $headcount } 人）
}
signup-my-participation = <b>我的参与</b>：到场 { $occurrences } 次，共 { $personTimes } 人次。（以工作人员登记的到场为准）
signup-private-only = 名单含居民个人信息，请在与我的私聊中使用这个命令。
signup-list-usage = 用法：/signups 活动ID或名称 [日期YYYY-MM-DD]（如 /signups 卫生日）。可报名的活动：{ $ids }
signup-unknown-notice = 没有可报名的活动“{ $id }”。可报名的活动：{ $ids }
signup-no-occurrence = { $id } 在 { $date } 没有活动。
signup-list-title = <b>{ $title } { $date }</b>
signup-list-counts = 报名 { $confirmed } 份，共 { $heads } 人{ $capacity ->
    [none] {""}
   *[other] （名额 { $capacity }）
}；候补 { $waiting } 人；已到场 { $attended } 人。
signup-list-confirmed = <b>已报名</b>
signup-list-waitlist = <b>候补</b>
signup-list-walkins = <b>现场到场（未报名）</b>
signup-list-empty = 还没有人报名。
signup-list-more = 名单较长，按钮只列出前 { $shown } 人；其余请用 /attended 标记。
signup-list-hint = 点下面的按钮标记到场（✅ 已到场）。
signup-list-more-upcoming = 名单较长，这里只列出前 { $shown } 人；完整名单请用 /export。
signup-list-not-started = ⏳ 活动开始后才能标记到场，届时再发 /signups。已经开始的某一天：/signups { $id } YYYY-MM-DD
signup-attended-usage = 用法：/attended 活动ID或名称 [日期YYYY-MM-DD] 用户ID…（用户ID 见 /signups 名单），或 +N 记录现场另来的 N 人（同行亲友和未报名者；再发一次 +N 会替换上次的数）
signup-attended-done = ✅ { $title } { $date }：新标记到场 { $count } 人（共 { $total } 人到场）。
signup-attendance-on = ✅ 已标记到场
signup-attendance-off = 已取消到场标记
signup-attendance-not-started = ⏳ “{ $title }”{ $date } 才开始，开始后再标记到场。
signup-party-usage = 用法：/party 用户ID on|off — 设置志愿者是否为党员（计入“党员参与创建”）。
signup-party-unknown = 不认识用户 { $id }：对方需要先和我说过话（如 /start 或报名）。
signup-party-on = ✅ 用户 { $id } 已标记为党员。
signup-party-off = ✅ 用户 { $id } 已取消党员标记。
signup-export-caption = { $file }：{ $rows } 行（UTF-8，可直接用 Excel 打开）
signup-personal-reminder = ⏰ 提醒：你报名的 <b>{ $title }</b> 将于 { $date } 开始。
signup-personal-reminder-place = 📍 地点：{ $place }
signup-personal-reminder-footer = 如不能参加，请发送 /my 查看，或在提醒消息上点“取消”。
