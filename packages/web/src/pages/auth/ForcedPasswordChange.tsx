import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { AuthRoutes } from '@lianfang/contracts'
import { call } from '../../api/call'
import { queryKeys } from '../../api/queries'
import { ChangePasswordModal } from './ChangePasswordModal'

/**
 * Shown instead of the console while the signed-in user's password is one an admin chose
 * (`Me.mustChangePassword`, after a reset or for an account an admin created): the server refuses
 * everything else until it is changed. The modal cannot be closed; its other button signs out.
 */
export function ForcedPasswordChange() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const signOut = useMutation({
    mutationFn: () => call(AuthRoutes.logout),
    onSettled: () => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
      void navigate('/login', { replace: true })
    },
  })
  return (
    <ChangePasswordModal
      open
      forced
      onClose={() => void queryClient.invalidateQueries({ queryKey: queryKeys.me })}
      onSignOut={() => {
        signOut.mutate()
      }}
    />
  )
}
