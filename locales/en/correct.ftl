correct-usage = Usage: reply to the bot's summary of a broadcast with /correct and the corrected text.
correct-not-summary = Please reply to the bot's summary of a broadcast (the "sent …" message), so I know which notice to correct.
correct-too-old = This notice was sent more than 48 hours ago; Telegram no longer lets it be edited. Please send a new notice with the correction.
correct-still-sending = This notice is still being sent; correct it once the summary appears.
correct-preview = 👀 <b>Preview of the correction</b>: { $count ->
        [one] the 1 delivered copy
       *[other] the { $count } delivered copies
    } will be edited in place to read as below. Go ahead?
correct-started = ✏️ Editing…
correct-summary = ✏️ Correction done: { $edited } edited; { $failed } could not be edited (deleted, or the chat is gone) and will not be retried.
correct-expired = This correction preview has expired: reply to the summary with /correct and the new text again.
