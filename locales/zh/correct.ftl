correct-usage = 用法：回复机器人发来的某条通知的发送总结，发送 /correct 更正后的内容。
correct-not-summary = 请回复机器人发来的通知发送总结（“已发送 …”那条消息），我才知道要更正哪一条通知。
correct-too-old = 这条通知发出已超过 48 小时，Telegram 不允许再修改。请重新发送一条更正通知。
correct-still-sending = 这条通知还在发送中，请等发送完成、出现总结后再更正。
correct-preview = 👀 <b>预览更正</b>：已送达的 { $count } 条通知将被原地修改为以下内容，确认吗？
correct-started = ✏️ 正在修改…
correct-summary = ✏️ 更正完成：已修改 { $edited } 条；{ $failed } 条无法修改（已被删除或聊天已不可用），不再重试。
correct-expired = 这个更正预览已过期，请再次回复发送总结，发送 /correct 新内容。
