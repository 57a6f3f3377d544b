# 几个社区共用一个机器人（COMMUNITY=a,b）：先确定聊天属于哪个社区
communities-which = 🏘 您在哪个社区？请在下面选择。以后打开其他社区的链接，也可以随时更换。
communities-which-link = 🏘 您在哪个社区？请打开您所在社区工作人员发给您的链接（t.me/…?start=…）。
communities-unknown = 没有代号为“{ $slug }”的社区。请检查社区发给您的链接是否完整。
communities-chosen = ✅ 已选择：{ $community }
communities-group-bound = 本群已属于{ $community }，只有{ $community }的工作人员可以更改。
communities-choose-first = 请先选择您所在的社区。
communities-gone = 这个选项已失效，请重新发送 /start。
