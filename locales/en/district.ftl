# /district: a district (street office) sees every community's figures summed
district-only = Sorry, this command is for district officials only.
district-title = District · { $communities ->
        [one] 1 community
       *[other] { $communities } communities
    } · { $since ->
        [yes] progress since { $year }
       *[no] { $year } progress
    }
district-communities = { $communities ->
        [one] 1 community
       *[other] { $communities } communities
    }
district-footer = { $met } of { $total } targets met across the district. One metric per community: /district name, e.g. /district awareness
district-rate-rule = Rates are pooled over every community: everyone aware ÷ everyone surveyed (not an average of the communities' rates).
district-none = There are no communities' figures in the database yet.
district-by-community = By community
district-by-community-period = By community ({ $period })
district-not-counted = — (not counted yet)
district-rate-line = { $name }: { $value } ({ $aware }/{ $surveyed } aware, target { $target })
district-usage = Usage: /district [metric], e.g. /district garbage
district-see-list = Send /district to see every metric.
district-help =
    
    <b>District officials</b>
    /district — every community's campaign figures summed (rates pooled over everyone surveyed); /district metric — that metric per community
