/** Broker subpackage page paths. */
export const brokerRoutes = {
  home: '/packages/broker/pages/home/index',
  people: '/packages/broker/pages/people/index',
  import: '/packages/broker/pages/import/index',
  teams: '/packages/broker/pages/teams/index',
  team: (id: string) => `/packages/broker/pages/team/index?id=${encodeURIComponent(id)}`,
  subsidies: '/packages/broker/pages/subsidies/index',
} as const;
