staff-roles-granted = 👋 You are now <b>staff</b> of { $community }. You can now use these commands:
staff-roles-granted-help = Your command menu has been updated; send /help to see them again.
staff-roles-revoked = Your staff role has been removed, so the staff commands are no longer available to you. You still receive community notices as before.
staff-roles-told = They have been told in a private message.
staff-roles-not-told = ⚠️ They could not be told in a private message (they have not talked to the bot yet, or have blocked it). Please tell them yourself.
