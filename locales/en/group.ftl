# Who may change a group's subscription and language

group-start-admins = This group has unsubscribed from notices. Only the group's admins or community staff can subscribe the whole group again (with /start).
group-lang-admins = Only the group's admins or community staff can change the group's language. To change your own, send /lang in a private chat with me.
group-private-only = Please use this command in a private chat with me.
