# Command menu descriptions (setMyCommands): at most 256 characters each, keys commands-<command>
commands-start = Subscribe to community notices
commands-next = Next date of every notice
commands-progress = Civilized-city campaign progress
commands-my = My sign-ups and participation
commands-bulletins = Health bulletins, past and upcoming
commands-home = Choose my compound
commands-help = What this bot can do
commands-lang = Switch language 中文/English
commands-stop = Unsubscribe
commands-forgetme = Delete everything stored about me
commands-record = Add progress: metric amount [note]
commands-undo = Take back my last progress record
commands-target = Change a target: metric value
commands-signups = Who signed up: notice-id
commands-attended = Mark attendance: notice-id user-id…
commands-party = Party-member flag: user-id on|off
commands-broadcast = Notice: [to=compound] [at=time] text
commands-correct = Correct a sent notice (reply to its summary)
commands-event = One-off event: date time title [place= cap= to= at=]
commands-events = Events and notices: change, pause, export
commands-move = Move a date: id from to [HH:MM]
commands-skip = Cancel one date: id date [reason]
commands-sendnow = Send a notice's reminder now
commands-bulletin = Publish the health bulletin: [YYYY-MM] title + text
commands-stats = Subscribers and deliveries
commands-export = CSV export
commands-survey = Awareness survey: send | results | close
commands-report = Work report (.docx): [YYYY-MM | YYYY]
commands-staff = Manage staff: add|remove user-id
commands-district = Every community summed: [metric]
