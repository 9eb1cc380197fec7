import Hummingbird
import Logging

/// The one builder for production and tests: `hcm serve` runs what this returns, tests drive it in process.
public func buildApplication(_ config: AppConfig) -> some ApplicationProtocol {
    var logger = Logger(label: "hcm")
    logger.logLevel = .info
    return Application(
        router: buildRouter(config), configuration: .init(address: .hostname(config.host, port: config.port), serverName: "hcm"),
        logger: logger)
}

/// Every route of the app: the API, the pages and their middleware. Tests list its routes to check each.
func buildRouter(_ config: AppConfig) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: AuthMiddleware(config: config))
    router.get("/health") { _, _ in "ok" }
    router.get("/api/v1/openapi.json") { _, _ in OpenAPIDocument.response }
    let signIn = SignIn(config: config)
    SessionController(config: config, signIn: signIn).add(to: router)
    PlansController(config: config).add(to: router)
    ObservationsController(config: config).add(to: router)
    RevisionsController(config: config).add(to: router)
    UsersController(config: config).add(to: router)
    OrganizationController(config: config).add(to: router)
    TasksController(config: config).add(to: router)
    ReportsController(config: config).add(to: router)
    AssessmentController(config: config).add(to: router)
    TemplateController(config: config).add(to: router)
    RemindersController(config: config).add(to: router)
    PagesController(config: config, signIn: signIn).add(to: router)
    return router
}
