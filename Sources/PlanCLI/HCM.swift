import ArgumentParser

/// The `hcm` command: one root with a subcommand per job.
public struct HCM: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hcm",
        abstract: "Healthy City Monitor: import plan documents, evaluate targets, report progress.",
        subcommands: [
            ImportCommand.self, TargetCommand.self, PlansCommand.self, UserCommand.self, MigrateCommand.self,
            BackupCommand.self, RestoreCommand.self, ServeCommand.self, EvaluateCommand.self, ReportCommand.self,
            DepartmentsCommand.self, RegionsCommand.self,
            RemindersCommand.self,
        ]
    )

    public init() {}
}
