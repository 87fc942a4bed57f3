namespace ConflictSim.Tests.Support;

/// <summary>What a piece of work allocates on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes allocated by <paramref name="work"/>, the least over <paramref name="tries"/> repetitions. The runtime's
    /// one-off work (a method tiered up or switched by on-stack replacement mid-loop, seen on a loaded machine) can
    /// land in one window; an allocation of the code's own lands in every one, so the least is still above zero.
    /// </summary>
    public static long Least(Action work, int tries = 3)
    {
        long least = long.MaxValue;
        for (int i = 0; i < tries; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
