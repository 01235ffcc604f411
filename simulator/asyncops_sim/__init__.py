"""asyncops_sim: a loopback-only simulator of the Gcore Cloud task API and GPCN jobs API."""
from .server import SimulatorHandle, make_server, start_simulator

__all__ = ["start_simulator", "make_server", "SimulatorHandle"]
__version__ = "0.1.0"
