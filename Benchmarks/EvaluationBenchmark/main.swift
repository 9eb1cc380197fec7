// Evaluation and scoring of a synthetic province: 100 regions × 300 indicators × 10 years (2016–2025) =
// 300 000 approved observations of a plan running 2016–2030. Timed: grouping the observations, evaluating
// every region for 2025 (status, trend, projection, summary) and scoring and ranking regions and departments.
// Beside it in the same run, a baseline: a plain loop over the same 300 000 numbers, comparing each with its
// indicator's threshold.
//
//     swift run -c release EvaluationBenchmark
import Foundation
import PlanCore

let regionCount = 100
let indicatorCount = 300
let years = 2016...2025
let rounds = 7
var random = SplitMix64(seed: 2025)

// A plan whose indicators use the target kinds the seeds use, in the seeds' rough proportions.
let departments = ["市卫生健康委", "市体育局", "市生态环境局", "市教育局", "市市场监管局", "市民政局", "市医保局", "市住建局"]
let domains = ["健康水平", "健康生活", "健康服务", "健康保障", "健康环境", "健康产业"]
var indicators: [Indicator] = []
var thresholds: [Double] = []
var baselines: [Double] = []
for i in 0..<indicatorCount {
    let baseline = Double(Int.random(in: 20...90, using: &random))
    let higher = i % 3 != 0
    let step = higher ? 1.0 : -1.0
    let targets: [Target]
    switch i % 10 {
    case 0: targets = [Target(year: 2020, text: "比2015年下降10%"), Target(year: 2030, text: "比2015年下降20%")]
    case 1: targets = [Target(year: 2020, text: "持续提高"), Target(year: 2030, text: "持续提高")]
    case 2: targets = [Target(year: 2020, text: "达标"), Target(year: 2030, text: "达标")]
    case 3: targets = [Target(year: 2020, text: "\(Int(baseline) - 5)-\(Int(baseline) + 5)")]
    default:
        let symbol = higher ? "≥" : "≤"
        targets = [2020, 2025, 2030].map { Target(year: $0, text: "\(symbol)\(Int(baseline + step * Double($0 - 2015) / 2))") }
    }
    indicators.append(
        Indicator(
            code: "\(i / 50 + 1).\(i % 50 + 1)", domain: [domains[i % domains.count]], name: "合成指标\(i)",
            unit: "%", direction: higher ? .higher : .lower, baseline: Baseline(year: 2015, text: "\(Int(baseline))"),
            targets: targets, lead: [departments[i % departments.count]]))
    baselines.append(baseline)
    thresholds.append(baseline + step * 5)
}
let plan = Plan(
    title: "合成省健康行动（2016-2030年）", period: Period(start: 2016, end: 2030), baseYear: 2015,
    indicatorTables: [IndicatorTable(caption: "主要指标", indicators: indicators)])

// Observations grouped as a store returns them: by region, indicator, year.
var observations: [Observation] = []
var numbers: [Double] = []
observations.reserveCapacity(regionCount * indicatorCount * years.count)
for r in 0..<regionCount {
    let region = String(330_301 + r)
    for (i, indicator) in indicators.enumerated() {
        let higher = indicator.direction == .higher
        let drift = Double(Int.random(in: -3...8, using: &random)) / 10 * (higher ? 1 : -1)
        for year in years {
            let value = (baselines[i] + drift * Double(year - 2015) + Double(Int.random(in: -20...20, using: &random)) / 10)
            let rounded = (value * 100).rounded() / 100
            let text = i % 10 == 2 ? (Bool.random(using: &random) ? "达标" : "未达标") : NumberText.format(rounded)
            observations.append(
                Observation(indicator: indicator.code!, regionCode: region, year: year, valueText: text, status: .approved))
            numbers.append(rounded)
        }
    }
}
var submissions: [SubmissionFacts] = []
for r in 0..<regionCount {
    for i in stride(from: r % 7, to: indicatorCount, by: 7) {
        submissions.append(
            SubmissionFacts(indicator: indicators[i].code!, regionCode: String(330_301 + r), late: i % 2 == 0, returnedCount: i % 3))
    }
}
let scheme = ScoringScheme(
    version: 1, planTitle: plan.title, defaultWeight: 1, domainWeights: ["健康水平": 2], whenNotMet: .proportional,
    late: .init(perSubmission: 0.5, cap: 5), returned: .init(perSubmission: 0.2, cap: 3))

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

// Baseline: the same 300 000 numbers, each compared with its indicator's threshold, summed and counted.
var baselineBest = Double.infinity
var baselineChecksum = 0.0
for _ in 0..<rounds {
    let elapsed = ContinuousClock().measure {
        var sum = 0.0, met = 0
        var k = 0
        for _ in 0..<regionCount {
            for i in 0..<indicatorCount {
                let threshold = thresholds[i]
                for _ in years {
                    let value = numbers[k]
                    sum += value
                    if value >= threshold { met += 1 }
                    k += 1
                }
            }
        }
        baselineChecksum += sum + Double(met)
    }
    baselineBest = min(baselineBest, seconds(elapsed))
}

var best = (total: Double.infinity, index: 0.0, evaluate: 0.0, assess: 0.0)
var checksum = 0
for _ in 0..<rounds {
    let clock = ContinuousClock()
    let start = clock.now
    let evaluator = PlanEvaluator(plan: plan, observations: observations)
    let indexed = clock.now
    let evaluations = evaluator.evaluateAllRegions(year: 2025)
    let evaluated = clock.now
    let assessment = scheme.assess(evaluations, submissions: submissions)
    let end = clock.now
    let total = seconds(end - start)
    if total < best.total {
        best = (total, seconds(indexed - start), seconds(evaluated - indexed), seconds(end - evaluated))
    }
    checksum &+= assessment.regions[0].rank + evaluations.reduce(0) { $0 + $1.summary.total.met + $1.summary.total.atRisk }
}

let last = PlanEvaluator(plan: plan, observations: observations).evaluateAllRegions(year: 2025)
let totals = last.reduce(into: StatusCounts()) { sum, region in
    sum.met += region.summary.total.met
    sum.notMet += region.summary.total.notMet
    sum.needsReview += region.summary.total.needsReview
    sum.noData += region.summary.total.noData
    sum.atRisk += region.summary.total.atRisk
}
print("\(observations.count) observations: \(regionCount) regions × \(indicatorCount) indicators × \(years.count) years; best of \(rounds)")
print("statuses 2025: met \(totals.met), notMet \(totals.notMet), needsReview \(totals.needsReview), noData \(totals.noData), atRisk \(totals.atRisk)")
print("baseline loop over 300k numbers: \(ms(baselineBest))")
print(
    "evaluate + score all regions:    \(ms(best.total)) (index \(ms(best.index)), evaluate \(ms(best.evaluate)), score and rank \(ms(best.assess)))"
)
print("ratio: \(String(format: "%.0f", best.total / baselineBest))× the baseline loop (checksums \(Int(baselineChecksum) % 1000), \(checksum % 1000))")
