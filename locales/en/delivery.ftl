delivery-progress =
    📤 Sending: { $sent } / { $total }
    ⚠️ failed { $failed } · 🚫 blocked { $blocked }
    ⏳ about { $eta } left
delivery-summary =
    ✅ Sent: { $sent } / { $total } delivered
    ⚠️ failed { $failed } · 🚫 blocked { $blocked }
    ⏱ took { $duration }
delivery-eta-unknown = estimating…
delivery-duration-seconds = { $s } s
delivery-duration-minutes = { $m } min { $s } s
delivery-duration-hours = { $h } h { $m } min
