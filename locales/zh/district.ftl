# /district：区里（街道）看全部社区的汇总
district-only = 抱歉，这个命令只有区（街道）负责人可以使用。
district-title = 全区汇总 · 共 { $communities } 个社区 · { $since ->
        [yes] { $year } 年以来进度
       *[no] { $year } 年进度
    }
district-communities = 共 { $communities } 个社区
district-footer = 全区 { $total } 项目标中已完成 { $met } 项。查看某一项各社区的数字：/district 指标，例如 /district 知晓率
district-rate-rule = 知晓率按全部社区合计：知晓人数之和 ÷ 调查人数之和（不是各社区比率的平均）。
district-none = 数据库里还没有任何社区的数据。
district-by-community = 各社区
district-by-community-period = 各社区（{ $period }）
district-not-counted = —（未录入）
district-rate-line = { $name }：{ $value }（知晓 { $aware }/{ $surveyed }，目标 { $target }）
district-usage = 用法：/district [指标]，例如 /district 垃圾
district-see-list = 发送 /district 查看全部指标。
district-help =
    
    <b>区（街道）负责人</b>
    /district — 全部社区的创建进度汇总（知晓率按合计人数计算）；/district 指标 — 这一项各社区的数字
