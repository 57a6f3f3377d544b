delivery-progress =
    📤 正在发送：{ $sent } / { $total }
    ⚠️ 失败 { $failed } · 🚫 已屏蔽 { $blocked }
    ⏳ 预计剩余 { $eta }
delivery-summary =
    ✅ 发送完成：已送达 { $sent } / { $total }
    ⚠️ 失败 { $failed } · 🚫 已屏蔽 { $blocked }
    ⏱ 用时 { $duration }
delivery-eta-unknown = 计算中…
delivery-duration-seconds = { $s } 秒
delivery-duration-minutes = { $m } 分 { $s } 秒
delivery-duration-hours = { $h } 小时 { $m } 分
