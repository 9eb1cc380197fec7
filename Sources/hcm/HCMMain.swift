import PlanCLI

@main extension HCM {}
