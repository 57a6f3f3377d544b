# /bulletin (staff publish the health bulletin) and /bulletins (anyone reads it again)
bulletin-lang-zh = Chinese
bulletin-lang-en = English
bulletin-usage =
    Usage: <code>/bulletin [YYYY-MM] Title</code> with the text on the following lines. For example:
    <code>/bulletin 2027-03 Spring health and pest control</code>
    Dear neighbours, …
    Without a month it is the next issue (published on the 1st of every odd month). You can also send a photo or a PDF captioned <code>/bulletin [YYYY-MM] Title</code>.
bulletin-usage-file = Please put a title in the photo's or PDF's caption: <code>/bulletin [YYYY-MM] Title</code> (a few more lines of text may follow).
bulletin-error-empty = The text is empty. Write the bulletin on the lines below the title, or send a photo or a PDF captioned <code>/bulletin [YYYY-MM] Title</code>.
bulletin-error-bad-month = “{ $month }” is not a month. Write it as YYYY-MM, e.g. 2027-03.
bulletin-error-not-issue-month = There is no issue in { $month }: the bulletin comes out in months { $months } of each year. Please pick one of those.
bulletin-error-past = The { $month } issue's date has passed ({ $date }); it can no longer be published. Publish the next one (leave out the month).
bulletin-error-sent = The { $month } issue has been sent already and can no longer be replaced. To correct it, reply to its delivery summary with /correct and the new text.
bulletin-error-no-month = No month to publish for (data/notices.json has no future bulletin date).
bulletin-error-no-notice = data/notices.json has no bulletin notice ("bulletin": true), so there is nothing to publish with.
bulletin-error-file-type = This kind of file is not supported ({ $kind }). A bulletin is a text, a photo or a PDF file.
bulletin-error-text-long = The bulletin is too long: residents would get { $length } characters, and a Telegram message holds at most { $max }. Please cut { $over } characters, or send it as a PDF.
bulletin-error-caption-long = The caption is too long: { $length } characters, and Telegram allows at most { $max } under a photo or file. Please cut { $over } characters (the full text can go in the PDF).
bulletin-preview-head = 📰 <b>Preview: the { $month } health bulletin ({ $lang } version)</b>
bulletin-preview-when = Confirm stores it; it goes to every subscriber (now { $count }) with the “Health bulletin” notice on { $when }. Nothing is sent before then (unless /sendnow health-bulletin).
bulletin-preview-other-given = The { $lang } version is published; { $lang } readers get that one.
bulletin-preview-other-missing = No { $lang } version yet: { $lang } readers get this one too. Publish a { $lang } version with /bulletin if you have one.
bulletin-preview-replaces-file = ⚠️ This replaces the issue in { $file }.
bulletin-preview-replaces-version = ⚠️ This replaces the version stored before (“{ $title }”).
bulletin-preview-below = This is exactly what residents will get:
bulletin-confirm = ✅ Confirm
bulletin-cancel = ✖️ Cancel
bulletin-cancelled = Cancelled; nothing was stored.
bulletin-expired = This preview has expired (the bot restarted or a day has passed). Please send /bulletin again.
bulletin-not-yours = Only the staff member who started it can confirm.
bulletin-already-saved = Already stored.
bulletin-saved-short = Stored
bulletin-saved = ✅ The { $month } issue ({ $lang } version) is stored. It goes to every subscriber with the notice on { $when }. Send /bulletins to see it.
bulletin-issue-head = 📰 <b>{ $notice } · { $month }</b>
bulletin-list-empty = No health bulletin has been published yet.
bulletin-list-title = 📰 <b>{ $notice }</b>
bulletin-list-past = <b>Past issues</b>
bulletin-list-upcoming = <b>Coming up</b>
bulletin-list-item = • { $month }: { $title }
bulletin-list-item-upcoming = • { $month }: out { $when }
bulletin-list-item-upcoming-staff = • { $month }: out { $when } ({ $title })
bulletin-list-more = …and { $n ->
        [one] one earlier issue
       *[other] { $n } earlier issues
    }
bulletin-list-footer = Tap a button to read an issue.
bulletin-list-footer-none = Every subscriber gets it when it comes out.
bulletin-open-unknown = That issue cannot be found.
bulletin-open-not-yet = This issue comes out { $when }; you can read it then.
