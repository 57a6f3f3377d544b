staff-roles-granted = 👋 您已被设为{ $community }的<b>工作人员</b>。现在可以使用以下命令：
staff-roles-granted-help = 命令菜单已更新；发送 /help 可随时查看。
staff-roles-revoked = 您的工作人员身份已被取消，工作人员命令不再可用。社区通知照常发送给您。
staff-roles-told = 已私信通知对方。
staff-roles-not-told = ⚠️ 无法私信通知对方（对方还没有和机器人对话过，或已屏蔽机器人）。请当面告诉对方。
