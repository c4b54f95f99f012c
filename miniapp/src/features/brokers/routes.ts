/** Broker subpackage page paths. */
export const brokerRoutes = {
  home: '/packages/broker/pages/home/index',
  people: '/packages/broker/pages/people/index',
  import: '/packages/broker/pages/import/index',
  enrol: '/packages/broker/pages/enrol/index',
  teams: '/packages/broker/pages/teams/index',
  team: (id: string) => `/packages/broker/pages/team/index?id=${encodeURIComponent(id)}`,
  subsidies: '/packages/broker/pages/subsidies/index',
  /** The worker's application (main package). */
  apply: '/pages/broker-apply/index',
} as const;

/** Staff pages for brokers, stages and subsidies (staff subpackage). */
export const brokerStaffRoutes = {
  brokers: '/packages/staff/pages/broker-list/index',
  stages: '/packages/staff/pages/broker-stages/index',
  subsidies: '/packages/staff/pages/broker-subsidies/index',
} as const;
