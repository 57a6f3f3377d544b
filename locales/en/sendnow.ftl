# /sendnow: a confirmation before sending again

sendnow-again-ask = ⚠️ The reminder of "{ $title }" ({ $date }) has already gone to every subscriber. Send it again to all { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }?
sendnow-again-issue-ask = ⚠️ "{ $title }" has no new issue yet, and the current one was already published. Send it again to all { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }? The scheduled publication on { $date } is kept.
sendnow-again-confirm = ✅ Send again
sendnow-again-cancel = ✖️ Don't send
sendnow-again-cancelled = ✖️ Cancelled; nothing was sent again.
sendnow-again-expired = This confirmation has expired (the next occurrence changed): send /sendnow again.
sendnow-again-already = Already confirmed; it is not sent twice.
