import { Navigate } from 'react-router-dom'
import { useCurrentUser } from './Guards'
import { CITIZEN_HOME } from './navigation'
import { landingOf } from './role-home'

/** `/` opens the page of the user's daily work (`ROLE_HOME`), or the workbench. */
export function HomeRedirect() {
  const me = useCurrentUser()
  if (me.role === 'citizen') return <Navigate to={CITIZEN_HOME} replace />
  return <Navigate to={landingOf(me.role, me.permissions)} replace />
}
