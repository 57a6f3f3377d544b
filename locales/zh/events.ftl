events-none-waiting = ⏰ 没有等待定时发送的通知。
events-waiting-title = ⏰ <b>等待定时发送的通知</b>
events-waiting-item = { $id } · { $at } · { $to } · { $media }{ $text }
events-to-all = 全体
events-cancel-button = ✖️ 取消 { $id }
events-cancelled = 已取消 { $id }，它不会发送。
events-not-waiting = { $id } 已经发送或取消了。
