events-none-waiting = ⏰ No notices are waiting to be sent later.
events-waiting-title = ⏰ <b>Notices waiting for their time</b>
events-waiting-item = { $id } · { $at } · { $to } · { $media }{ $text }
events-to-all = everyone
events-cancel-button = ✖️ Cancel { $id }
events-cancelled = { $id } cancelled; it will not be sent.
events-not-waiting = { $id } has been sent or cancelled already.
