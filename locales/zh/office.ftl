office-option-twice = “{ $name }=”写了两次，请只写一次。
office-unknown-compound = 没有找到小区：{ $names }。可选：{ $list }
office-bad-at = 时间“{ $value }”看不懂。请写成 at=2026-12-05 19:00（社区时间）。
office-at-past = { $at } 已经过去了，请选一个以后的时间。
office-at-far = 定时发送最多提前一年，请选一个更近的时间。
broadcast-caption-too-long = 图片或文件的说明太长了（{ $length } 字），Telegram 最多允许 { $max } 字，请缩短后重新发送。
broadcast-to-preview = 👀 <b>预览</b>：以下通知只发给“{ $names }”的居民和群，共 { $count } 个订阅者（没有选择小区的居民不会收到），确认发送吗？
broadcast-at-preview =
    ⏰ 将在 <b>{ $at }</b>（社区时间）发送，不是现在。
    如果那时机器人没有运行，它恢复后会立即补发；晚了 { $hours } 小时以上就不再发送，并通知您。
broadcast-media-preview = 🖼 上面是居民将看到的图片和说明。
broadcast-at-kept = ⏰ 已确认，将在 { $at } 发送（编号 { $id }）。
broadcast-late = ⚠️ 定时通知没有发送：到时间时机器人没有运行，恢复时已经晚了 6 小时以上。内容：{ $text }
