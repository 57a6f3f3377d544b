home-current =
    🏠 Your compound: <b>{ $name }</b>
    Choose the compound you live in (notices for one compound go only to its residents; without a choice you still get every notice meant for all):
home-group-current =
    🏠 This group's compound: <b>{ $name }</b>
    Choose the compound this group belongs to, or send /home compound-name:
home-none-name = none chosen
home-button-none = None
home-set = ✅ Set to “{ $name }”. Notices for this compound will reach you; change it any time with /home.
home-cleared = ✅ Compound cleared. You still get every notice meant for all residents.
home-group-set = ✅ This group is now bound to “{ $name }”: notices for that compound come here.
home-group-cleared = ✅ This group is no longer bound to a compound; it gets notices meant for all only.
home-group-staff-only = Sorry, only community staff can set a group's compound.
home-group-not-subscribed = This group is not subscribed yet: send /start first.
home-unknown = There is no compound “{ $name }”. Choose one of: { $list }
home-gone = That compound no longer exists; send /home again.
home-add-usage = Usage: /home add compound-name (at most { $max } characters)
home-added = ✅ Compound “{ $name }” added (id { $id }). Residents can choose it with /home; send notices to it with to={ $id }.
home-add-exists = Compound “{ $name }” exists already (id { $id }).
home-my-line = 🏠 My compound: { $name } (/home to change)
