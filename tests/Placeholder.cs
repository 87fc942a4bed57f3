namespace ConflictSim.Tests;
