using ConflictSim.Randomness;

namespace ConflictSim.Generation;

/// <summary>What an outside patron gives its client (the schema's patron keys).</summary>
internal enum PatronKind { Air, Artillery, Supply, Strikes }

/// <summary>A patron: air sorties or artillery with a lethality, supply a day, or strikes a month on cells with a detection and lethality.</summary>
internal readonly record struct PatronDraw(PatronKind Kind, int Client, double Amount, double Lethality, double Detection);

/// <summary>A faction that keeps underground cells (the schema's <c>insurgency:</c>).</summary>
internal sealed record InsurgentDraw(int Faction, int[] Hideouts, int[] Cells, int Target, double CellShare, double GoToGround,
    double Recruit, double SmugglePerDay, int MoveEvery, int AttackAt);

/// <summary>The effects the generator schedules; each is one of the schema's effect kinds.</summary>
internal enum EventKind { Reinforce, Relation, Cohesion, Morale, Income, Supply, Control, Betrayal, Legitimacy, Disperse, Blockade, Lift, Patron, Strikes }

/// <summary>
/// One scheduled event with one effect. Faction, Other, Region, Patron and the lane (Port, Zone) are indices or -1;
/// Amount is the effect's number (fighters, delta, value, fraction, sorties, strikes a month).
/// </summary>
internal readonly record struct EventDraw(int Day, double Probability, EventKind Kind, int Faction, int Other, int Region, int Patron, int Port, int Zone, double Amount);

/// <summary>
/// Patrons, insurgents and scheduled events (issue 15), so a generated theater exercises every phase. All are
/// drawn after the map and the factions, each from its own stream, and their number grows with F (and the sea's
/// with the coast), never with F·R: generation stays linear.
/// </summary>
internal sealed partial class Theater
{
    public readonly List<PatronDraw> Patrons = [];
    public readonly List<InsurgentDraw> Insurgents = [];
    public readonly List<EventDraw> Events = [];
    /// <summary>Per faction: whom its armed residents join when they rise (<c>rebels_join</c>), or -1.</summary>
    public int[] RebelsJoin = [];
    /// <summary>Per faction: whom its demoralised fighters go over to (doctrine <c>defect_to</c>), or -1; with the rate and the morale below which they do.</summary>
    public int[] DefectTo = [];
    public double[] DefectionRate = [], DefectMorale = [];

    /// <summary>Hideouts an insurgent keeps, at most.</summary>
    public const int MaxHideouts = 2;

    /// <summary>Factions that can take part in a war: in a coalition and with a hostile neighbour or capital.</summary>
    private List<int> Belligerents()
    {
        var list = new List<int>();
        for (int f = 0; f < F; f++) if (Coalition[f] >= 0 && TargetCapital[f] >= 0) list.Add(f);
        return list;
    }

    private static void Shuffle(List<int> list, ref Xoshiro256StarStar rng)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>
    /// About one faction in five has an outside backer (at least three backers, so air, artillery and supply all
    /// appear): air sorties and artillery as sirte-2016's and libya-2016's patrons (1–4 sorties a day at lethality
    /// 0.002–0.004; 2–6 guns at 0.001–0.002), or supply of a tenth to three tenths of the client's daily use.
    /// </summary>
    private void DrawPatrons()
    {
        var rng = Stream("patrons");
        var clients = Belligerents();
        if (clients.Count == 0) return;
        Shuffle(clients, ref rng);
        int count = Math.Max(3, (int)Math.Round(F / 5.0));
        for (int i = 0; i < count; i++)
        {
            int client = clients[i % clients.Count];
            Patrons.Add((i % 3) switch
            {
                0 => new PatronDraw(PatronKind.Air, client, Draw(ref rng, 1, 4, 1), Draw(ref rng, 0.002, 0.004, 0.0005), 0),
                1 => new PatronDraw(PatronKind.Artillery, client, Draw(ref rng, 2, 6, 1), Draw(ref rng, 0.001, 0.002, 0.0005), 0),
                _ => new PatronDraw(PatronKind.Supply, client, Math.Round(Draw(ref rng, 0.1, 0.3, 0.05) * TotalFighters[client]), 0, 0),
            });
        }
    }

    /// <summary>
    /// About one faction in ten (at least one) keeps underground cells, as isis-regroup-2017's ISIS: up to two
    /// hideouts on its front, desert or hills first (001: "encampments … south of Sirte"), 30–90 fighters in
    /// each, smuggling at the first (001: "smuggling fighters across the Libyan border"), and a target across
    /// the front (001: "plotting a new attack on the city of Misrata"). A patron of the target's holder strikes
    /// the cells, 4–12 times a month (001: "six precision airstrikes").
    /// </summary>
    private void DrawInsurgents()
    {
        var rng = Stream("insurgents");
        var candidates = Belligerents();
        if (candidates.Count == 0) return;
        Shuffle(candidates, ref rng);
        int count = Math.Min(candidates.Count, Math.Max(1, (int)Math.Round(F / 10.0)));
        Span<int> best = stackalloc int[3 * MaxHideouts];
        Span<int> seen = stackalloc int[3];
        for (int i = 0; i < count; i++)
        {
            int f = candidates[i];
            // Reservoir samples of up to two regions in each class: front desert or hills, front, any but the capital.
            best.Fill(-1);
            seen.Clear();
            for (int j = TerritoryStart[f]; j < TerritoryStart[f + 1]; j++)
            {
                int r = TerritoryRegion[j];
                if (r == Capital[f]) continue;
                int c = !Front[r] ? 2 : RegionTerrain[r] is Terrain.Desert or Terrain.Hills ? 0 : 1;
                int k = seen[c]++;
                if (k < MaxHideouts) best[c * MaxHideouts + k] = r;
                else if (rng.NextInt(k + 1) is var m && m < MaxHideouts) best[c * MaxHideouts + m] = r;
            }
            int cls = seen[0] > 0 ? 0 : seen[1] > 0 ? 1 : seen[2] > 0 ? 2 : -1;
            int[] hideouts = cls < 0 ? [Capital[f]] : best.Slice(cls * MaxHideouts, Math.Min(MaxHideouts, seen[cls])).ToArray();
            int target = -1;
            for (int a = _adjStart[hideouts[0]]; a < _adjStart[hideouts[0] + 1] && target < 0; a++)
                if (Hostile(f, Owner[_adj[a]])) target = _adj[a];
            if (target < 0) target = Capital[TargetCapital[f]];
            var cells = new int[hideouts.Length];
            for (int h = 0; h < cells.Length; h++) cells[h] = (int)Draw(ref rng, 30, 90, 1);
            Insurgents.Add(new InsurgentDraw(f, hideouts, cells, target,
                CellShare: Draw(ref rng, 0.5, 0.8, 0.05), GoToGround: Draw(ref rng, 0.5, 0.8, 0.05),
                Recruit: Draw(ref rng, 0.0005, 0.002, 0.0005), SmugglePerDay: Draw(ref rng, 0.5, 3, 0.1),
                MoveEvery: (int)Draw(ref rng, 5, 10, 1), AttackAt: (int)Draw(ref rng, 120, 240, 10)));
            Patrons.Add(new PatronDraw(PatronKind.Strikes, Owner[target], Draw(ref rng, 4, 12, 1), Draw(ref rng, 0.01, 0.03, 0.005), Draw(ref rng, 0.3, 0.6, 0.05)));
        }
    }

    /// <summary>Uniform day in 1 … days − 1 (day 1 for a one-day scenario).</summary>
    private int Day(ref Xoshiro256StarStar rng, int from = 1, int to = -1)
    {
        int days = Parameters.Days;
        if (to < 0) to = days - 1;
        from = Math.Clamp(from, 1, days);
        to = Math.Clamp(to, from, days);
        return from + rng.NextInt(to - from + 1);
    }

    /// <summary>
    /// Events of every kind the generator can make sense of, spread over the scenario's days; each kind's count
    /// grows with F (one reinforcement wave per belligerent, as sirte-2016's Misratan brigades; about one in ten
    /// factions for the rarer kinds), one blockade and its lifting per sea zone where a hostile navy exists.
    /// Sorted by day, then by the order drawn, so the file reads as a calendar.
    /// </summary>
    private void DrawEvents()
    {
        var rng = Stream("events");
        RebelsJoin = new int[F];
        Array.Fill(RebelsJoin, -1);
        DefectTo = new int[F];
        Array.Fill(DefectTo, -1);
        DefectionRate = new double[F];
        DefectMorale = new double[F];
        var belligerents = Belligerents();
        if (belligerents.Count == 0) return;
        int few = Math.Max(1, (int)Math.Round(F / 10.0));
        int Pick(ref Xoshiro256StarStar g) => belligerents[g.NextInt(belligerents.Count)];

        // Reinforcements: a tenth to three tenths of the capital's guard arrives at the capital.
        foreach (int f in belligerents)
            Add(Day(ref rng), 1, EventKind.Reinforce, f, region: Capital[f], amount: Math.Round(Draw(ref rng, 0.1, 0.3, 0.01) * Fighters[Capital[f]]));
        // Trust shifts, each an even-odds event: allies fall out a little, enemies thaw a little.
        for (int i = 0; i < Math.Max(1, (int)Math.Round(F / 5.0)); i++)
        {
            int a = Pick(ref rng), b = rng.NextInt(F);
            if (b == a) b = (a + 1) % F;
            double delta = Draw(ref rng, 0.05, 0.2, 0.05);
            Add(Day(ref rng), 0.5, EventKind.Relation, a, other: b, amount: Coalition[a] == Coalition[b] ? -delta : delta);
        }
        for (int i = 0; i < few; i++)
        {
            int f = Pick(ref rng);
            Add(Day(ref rng), 1, EventKind.Cohesion, f, amount: -Draw(ref rng, 0.05, 0.15, 0.01));
            f = Pick(ref rng);
            Add(Day(ref rng), 1, EventKind.Morale, f, amount: -Draw(ref rng, 0.05, 0.15, 0.01));
            // The faction whose morale is shaken may lose men to a neighbour that stands aside, or else to an ally, as
            // libya-2016's ISIS fighters who "attempted to defect to friendly Islamist militias south of Sirte" (002).
            if (DefectTo[f] < 0 && Refuge(f, ref rng) is var refuge && refuge >= 0)
            {
                DefectTo[f] = refuge;
                DefectionRate[f] = Draw(ref rng, 0.005, 0.02, 0.005);
                DefectMorale[f] = Draw(ref rng, 0.3, 0.4, 0.05);
            }
            f = Pick(ref rng);
            Add(Day(ref rng), 1, EventKind.Income, f, amount: Math.Round(Draw(ref rng, 0.5, 0.9, 0.05) * TotalFighters[f]));
            f = Pick(ref rng);
            Add(Day(ref rng), 1, EventKind.Supply, f, amount: Math.Round(Draw(ref rng, 2, 5, 0.5) * TotalFighters[f]));
            f = Pick(ref rng);
            Add(Day(ref rng), 1, EventKind.Betrayal, f, amount: -Draw(ref rng, 0.05, 0.15, 0.01));
            // A border town's council changes sides (a local defection): the region passes to its neighbour across the front.
            f = Pick(ref rng);
            int town = BorderObjective[f * MaxBorderObjectives];
            if (town >= 0 && town != Capital[Owner[town]])
                Add(Day(ref rng), 1, EventKind.Control, f, region: town);
            // Harsh rule costs a ruler legitimacy early on (derna-2015's killings); its armed residents join its nearest enemy.
            f = belligerents[i % belligerents.Count];
            RebelsJoin[f] = TargetCapital[f];
            Add(Day(ref rng, 1, Parameters.Days / 3), 1, EventKind.Legitimacy, f, amount: -Draw(ref rng, 0.2, 0.5, 0.05));
        }
        foreach (var ins in Insurgents)
            Add(Day(ref rng), 1, EventKind.Disperse, ins.Faction, amount: Draw(ref rng, 0.05, 0.15, 0.01));
        for (int p = 0; p < Patrons.Count; p++)
        {
            var patron = Patrons[p];
            if (patron.Kind == PatronKind.Supply) continue;
            // Escalation: the backer doubles its effort on some day (libya-2016's US strikes from 1 August).
            Add(Day(ref rng), 1, patron.Kind == PatronKind.Strikes ? EventKind.Strikes : EventKind.Patron, patron.Client, patron: p, amount: 2 * patron.Amount);
        }
        Blockades(ref rng);

        // A stable sort: events of one day keep the order they were drawn in.
        var calendar = Events.OrderBy(e => e.Day).ToList();
        Events.Clear();
        Events.AddRange(calendar);

        void Add(int day, double probability, EventKind kind, int faction, int other = -1, int region = -1, int patron = -1, double amount = 0) =>
            Events.Add(new EventDraw(day, probability, kind, faction, other, region, patron, -1, -1, amount));
    }

    /// <summary>A neutral faction at random if there is one, else a random other member of the faction's coalition, else -1.</summary>
    private int Refuge(int f, ref Xoshiro256StarStar rng)
    {
        int neutrals = 0, allies = 0;
        for (int g = 0; g < F; g++)
        {
            if (g == f) continue;
            if (Coalition[g] < 0) neutrals++;
            else if (Coalition[g] == Coalition[f]) allies++;
        }
        bool toNeutral = neutrals > 0;
        int n = toNeutral ? neutrals : allies;
        if (n == 0) return -1;
        int k = rng.NextInt(n);
        for (int g = 0; g < F; g++)
        {
            if (g == f || (toNeutral ? Coalition[g] >= 0 : Coalition[g] != Coalition[f])) continue;
            if (k-- == 0) return g;
        }
        return -1;
    }

    /// <summary>
    /// Per sea zone, the lane into a port of one faction is blockaded by the hostile faction with the nearest port
    /// (sirte-2016: "GNA naval boats are blockading the port"), or by its nearest enemy when no hostile faction has
    /// a port, in the first third of the scenario, and lifted a month or two later.
    /// </summary>
    private void Blockades(ref Xoshiro256StarStar rng)
    {
        for (int k = 0; k < SeaZones; k++)
        {
            int lane = -1, navy = -1;
            for (int i = 0; i < SeaLanePort.Length && lane < 0; i++)
            {
                if (SeaLaneZone[i] != k) continue;
                int victim = Owner[SeaLanePort[i]];
                // The nearest port of a hostile faction, anywhere on the coast, is the blockader's base.
                int bestKm = int.MaxValue;
                for (int j = 0; j < SeaLanePort.Length; j++)
                {
                    int g = Owner[SeaLanePort[j]];
                    int km = (int)Km(SeaLanePort[i], SeaLanePort[j]);
                    if (Hostile(victim, g) && km < bestKm) { bestKm = km; navy = g; lane = i; }
                }
                // No hostile port on the coast: the boats are the nearest enemy's, sailing from outside the map.
                if (lane < 0 && TargetCapital[victim] >= 0) { navy = TargetCapital[victim]; lane = i; }
            }
            if (lane < 0) continue;
            int day = Day(ref rng, 1, Parameters.Days / 3);
            Events.Add(new EventDraw(day, 1, EventKind.Blockade, navy, -1, -1, -1, SeaLanePort[lane], k, 0));
            int lift = day + 30 + rng.NextInt(31);
            if (lift <= Parameters.Days)
                Events.Add(new EventDraw(lift, 1, EventKind.Lift, -1, -1, -1, -1, SeaLanePort[lane], k, 0));
        }
    }
}
