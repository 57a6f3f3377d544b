# 群组里谁可以改变群的订阅和语言

group-start-admins = 本群已退订通知。只有本群管理员或社区工作人员可以重新为整个群订阅（发送 /start）。
group-lang-admins = 只有本群管理员或社区工作人员可以更改本群的语言。想只为自己换语言，请在与我的私聊中发送 /lang。
group-private-only = 这个命令请在与我的私聊中使用。
