office-option-twice = "{ $name }=" is given twice; give it once.
office-unknown-compound = No compound named: { $names }. Choose from: { $list }
office-bad-at = I cannot read the time "{ $value }". Write it as at=2026-12-05 19:00 (community time).
office-at-past = { $at } has passed already; choose a later time.
office-at-far = A notice can be scheduled at most a year ahead; choose a nearer time.
broadcast-caption-too-long = The caption is too long ({ $length } characters; Telegram allows at most { $max } under a photo or file). Please shorten it and send it again.
broadcast-to-preview = 👀 <b>Preview</b>: this notice goes only to the residents and groups of “{ $names }”: { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    } (residents who chose no compound do not get it). Send it?
broadcast-at-preview =
    ⏰ It will be sent at <b>{ $at }</b> (community time), not now.
    If the bot is not running then, it is sent as soon as the bot is back; more than { $hours } hours late, it is not sent and you are told.
broadcast-media-preview = 🖼 Above: the picture and caption as residents will see them.
broadcast-at-kept = ⏰ Confirmed: it will be sent at { $at } (no. { $id }).
broadcast-late = ⚠️ A scheduled notice was not sent: the bot was not running at its time and came back more than 6 hours late. The text: { $text }
