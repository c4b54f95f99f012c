/** Staff subpackage page paths. */
export const staffRoutes = {
  home: '/packages/staff/pages/home/index',
  login: '/packages/staff/pages/login/index',
  queue: '/packages/staff/pages/queue/index',
  case: (id: string) => `/packages/staff/pages/case/index?id=${encodeURIComponent(id)}`,
  registry: '/packages/staff/pages/registry/index',
  watch: '/packages/staff/pages/watch/index',
  report: '/packages/staff/pages/report/index',
  pes: '/packages/staff/pages/pes/index',
  applications: '/packages/staff/pages/applications/index',
  enrollments: '/packages/staff/pages/enrollments/index',
} as const;
