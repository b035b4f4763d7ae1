import { CheckpointGate } from './CheckpointGate'
import { CheckpointScreen } from './CheckpointScreen'

/** The checkpoint (`/checkpoint`): whoever may verify codes here, online or offline, gets the scanner. */
export default function CheckpointPage() {
  return (
    <CheckpointGate>
      {(session, offline) => <CheckpointScreen session={session} sessionOffline={offline} />}
    </CheckpointGate>
  )
}
