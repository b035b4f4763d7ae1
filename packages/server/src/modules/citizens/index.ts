/** The citizens module's public entry: other code imports it from here only (#15; lint-enforced). */
export { CitizensService } from './citizens.service.js'
export { citizensRoutes } from './citizens.routes.js'
export { DevelopmentSmsSender, HttpSmsSender, type SmsSender } from './sms-sender.js'
