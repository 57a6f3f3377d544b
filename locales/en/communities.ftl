# Several communities sharing one bot (COMMUNITY=a,b): which community a chat belongs to
communities-which = 🏘 Which community are you in? Choose it below. You can switch any time by opening another community's link.
communities-which-link = 🏘 Which community are you in? Open the link your community's office gave you (t.me/…?start=…).
communities-unknown = There is no community called "{ $slug }". Please check that the link your community gave you is complete.
communities-chosen = ✅ Chosen: { $community }
communities-group-bound = This group belongs to { $community }; only { $community }'s staff can change that.
communities-choose-first = Please choose your community first.
communities-gone = This choice is no longer available; please send /start again.
