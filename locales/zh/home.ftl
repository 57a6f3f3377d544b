home-current =
    🏠 您的小区：<b>{ $name }</b>
    请选择您所在的小区（面向某个小区的通知只发给该小区的居民；未选择也会收到面向全体的通知）：
home-group-current =
    🏠 本群绑定的小区：<b>{ $name }</b>
    请选择本群所属的小区，或发送 /home 小区名：
home-none-name = 未选择
home-button-none = 不选择
home-set = ✅ 已设为“{ $name }”。面向该小区的通知会发给您，随时可用 /home 更改。
home-cleared = ✅ 已清除小区选择。您仍会收到面向全体居民的通知。
home-group-set = ✅ 本群已绑定“{ $name }”，面向该小区的通知会发到本群。
home-group-cleared = ✅ 本群已解除小区绑定，只接收面向全体的通知。
home-group-staff-only = 抱歉，只有社区工作人员可以为群设置小区。
home-group-not-subscribed = 本群还没有订阅通知，请先发送 /start。
home-unknown = 没有找到小区“{ $name }”。可选：{ $list }
home-gone = 这个小区已不存在，请重新发送 /home。
home-add-usage = 用法：/home add 小区名（不超过 { $max } 个字）
home-added = ✅ 已添加小区“{ $name }”（ID：{ $id }）。居民可用 /home 选择，通知可用 to={ $id } 发送给它。
home-add-exists = 小区“{ $name }”已存在（ID：{ $id }）。
home-my-line = 🏠 我的小区：{ $name }（/home 更改）
