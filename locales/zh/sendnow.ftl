# /sendnow：再次发送前先确认

sendnow-again-ask = ⚠️ “{ $title }”（{ $date }）的提醒已经发给所有订阅者了。确定要再发一次给全部 { $count } 个订阅者吗？
sendnow-again-issue-ask = ⚠️ “{ $title }”还没有新的一期，当前这一期已经发布过了。确定要再发一次给全部 { $count } 个订阅者吗？{ $date } 的定时发布不受影响。
sendnow-again-confirm = ✅ 再发一次
sendnow-again-cancel = ✖️ 不发了
sendnow-again-cancelled = ✖️ 已取消，没有再次发送。
sendnow-again-expired = 这条确认已过期（下一场已经变了），请重新发送 /sendnow。
sendnow-again-already = 已经确认过了，不会重复发送。
