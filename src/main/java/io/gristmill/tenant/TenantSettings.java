package io.gristmill.tenant;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an admin chose for their company. An empty list means "no restriction" (every pipeline,
 * every employee group, every shared inbox); the Salesforce object list, when left out, is every
 * object Gristmill supports.
 *
 * @param timeZone       IANA zone that weeks are cut in, e.g. {@code Europe/Berlin}
 * @param weekStart      first day of a recap week
 * @param salesforce     which Salesforce objects and pipelines are synced
 * @param front          which Front inboxes and teams count
 * @param employeeGroups directory groups whose members get recaps (empty: everyone)
 * @param directory      how provider syncs may change the directory
 * @param retentionMonths how long activity and recaps are kept (1-120 months, default 24): each
 *                       item expires that long after what it is about happened
 * @param recaps         how recaps are written
 */
public record TenantSettings(String timeZone, DayOfWeek weekStart, Salesforce salesforce, Front front, List<String> employeeGroups,
        Directory directory, Integer retentionMonths, Recaps recaps) {
    /** Activity and recaps are kept this long unless the admin chooses otherwise. */
    public static final int DEFAULT_RETENTION_MONTHS = 24;

    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public static final TenantSettings DEFAULTS = new TenantSettings("UTC", DayOfWeek.MONDAY, null, null, null);

    public TenantSettings(String timeZone, DayOfWeek weekStart, Salesforce salesforce, Front front, List<String> employeeGroups) {
        this(timeZone, weekStart, salesforce, front, employeeGroups, null, null, null);
    }

    public TenantSettings(String timeZone, DayOfWeek weekStart, Salesforce salesforce, Front front, List<String> employeeGroups,
            Directory directory) {
        this(timeZone, weekStart, salesforce, front, employeeGroups, directory, null);
    }

    public TenantSettings(String timeZone, DayOfWeek weekStart, Salesforce salesforce, Front front, List<String> employeeGroups,
            Directory directory, Integer retentionMonths) {
        this(timeZone, weekStart, salesforce, front, employeeGroups, directory, retentionMonths, null);
    }

    public TenantSettings {
        if (timeZone == null) {
            throw new IllegalArgumentException("timeZone is required");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone '" + timeZone + "' is not an IANA time zone such as Europe/Berlin");
        }
        if (weekStart == null) {
            throw new IllegalArgumentException("weekStart is required");
        }
        salesforce = salesforce == null ? new Salesforce(null, null, false) : salesforce;
        front = front == null ? new Front(null, null) : front;
        employeeGroups = checked(employeeGroups, GROUP, "employeeGroups");
        directory = directory == null ? new Directory(false) : directory;
        retentionMonths = retentionMonths == null ? DEFAULT_RETENTION_MONTHS : retentionMonths;
        recaps = recaps == null ? new Recaps(null) : recaps;
        if (retentionMonths < 1 || retentionMonths > 120) {
            throw new IllegalArgumentException("retentionMonths must be between 1 and 120");
        }
    }

    /**
     * @param providersOverrideAdmin let Salesforce's and Front's directory sync change the manager,
     *                               active state and role of employees where an admin set them in
     *                               Gristmill (off by default: what an admin set wins, since the
     *                               manager chain decides who reads whose recaps)
     */
    public record Directory(Boolean providersOverrideAdmin) {
        public Directory {
            providersOverrideAdmin = Boolean.TRUE.equals(providersOverrideAdmin);
        }
    }

    /**
     * @param narrator {@code template} (the default: the narrative is filled in from the figures) or
     *                 {@code model} (the admin's opt-in: a Bedrock model writes it from the recap's
     *                 figures only, and its text is kept only when every number and name checks out)
     * @param hiddenTemplates built-in prompt templates the company does not offer its people
     * @param cycle          when drafts are written and how they reach the manager chain
     */
    public record Recaps(String narrator, List<String> hiddenTemplates, Cycle cycle) {
        public static final String TEMPLATE = "template";
        public static final String MODEL = "model";

        public Recaps(String narrator) {
            this(narrator, null, null);
        }

        public Recaps {
            cycle = cycle == null ? new Cycle(null, null, null, null, null) : cycle;
            hiddenTemplates = checked(hiddenTemplates, Pattern.compile("builtin[a-z0-9]{1,32}"), "recaps.hiddenTemplates (built-in template ids)");
            narrator = narrator == null ? TEMPLATE : narrator;
            if (!narrator.equals(TEMPLATE) && !narrator.equals(MODEL)) {
                throw new IllegalArgumentException("recaps.narrator: '" + narrator + "' is neither 'template' nor 'model'");
            }
        }

        public boolean byModel() {
            return MODEL.equals(narrator);
        }
    }

    /**
     * The weekly recap cycle, in the tenant's zone.
     *
     * @param generateOn        the day drafts of the week that ended are written (default: the first
     *                          day of the next week, as soon as the week ends)
     * @param generateAtHour    the hour of that day (0-23, default 0)
     * @param confirmation      {@code required} (default: a draft waits for its employee, and the team
     *                          view shows who is due a reminder) or {@code not_required} (a draft is
     *                          published to the manager chain {@code publishAfterHours} after it was written,
     *                          unless its employee confirmed it before)
     * @param publishAfterHours 1-168, default 24
     * @param remindAfterHours  1-168, default 24: a draft waiting longer is marked for a reminder
     */
    public record Cycle(DayOfWeek generateOn, Integer generateAtHour, String confirmation, Integer publishAfterHours,
            Integer remindAfterHours) {
        public static final String REQUIRED = "required";
        public static final String NOT_REQUIRED = "not_required";

        public Cycle {
            generateAtHour = generateAtHour == null ? 0 : generateAtHour;
            if (generateAtHour < 0 || generateAtHour > 23) {
                throw new IllegalArgumentException("recaps.cycle.generateAtHour must be between 0 and 23");
            }
            confirmation = confirmation == null ? REQUIRED : confirmation;
            if (!confirmation.equals(REQUIRED) && !confirmation.equals(NOT_REQUIRED)) {
                throw new IllegalArgumentException("recaps.cycle.confirmation must be 'required' or 'not_required'");
            }
            publishAfterHours = publishAfterHours == null ? 24 : publishAfterHours;
            remindAfterHours = remindAfterHours == null ? 24 : remindAfterHours;
            if (publishAfterHours < 1 || publishAfterHours > 168 || remindAfterHours < 1 || remindAfterHours > 168) {
                throw new IllegalArgumentException("recaps.cycle.publishAfterHours and remindAfterHours must be between 1 and 168");
            }
        }

        public boolean confirmationRequired() {
            return REQUIRED.equals(confirmation);
        }
    }

    /** When the drafts of {@code weekEnd}'s week are due: the cycle's day and hour on or after the week's end. */
    public java.time.Instant draftsDue(java.time.Instant weekEnd) {
        Cycle cycle = recaps.cycle();
        java.time.LocalDate end = weekEnd.atZone(zone()).toLocalDate();
        java.time.LocalDate day = end.with(java.time.temporal.TemporalAdjusters.nextOrSame(
                cycle.generateOn() == null ? weekStart : cycle.generateOn()));
        java.time.Instant due = day.atTime(cycle.generateAtHour(), 0).atZone(zone()).toInstant();
        return due.isBefore(weekEnd) ? weekEnd : due;
    }

    /** These settings as the features read them: a left-out Salesforce object list is every supported object. */
    public TenantSettings withDefaults(SalesforceObjectNames salesforceObjects) {
        return new TenantSettings(timeZone, weekStart, salesforce.orEvery(salesforceObjects.supported()), front, employeeGroups, directory,
                retentionMonths, recaps);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * @param objects   Salesforce objects to sync (left out: every object Gristmill reads, filled in
     *                  when settings are read; names are checked against them when saved)
     * @param pipelines opportunity record type ids
     * @param noteText  the tenant's explicit opt-in to reading note titles and text (off by default:
     *                  otherwise only note metadata is read)
     */
    public record Salesforce(List<String> objects, List<String> pipelines, Boolean noteText) {
        public Salesforce(List<String> objects, List<String> pipelines) {
            this(objects, pipelines, false);
        }

        public Salesforce {
            noteText = Boolean.TRUE.equals(noteText);
            if (objects != null && objects.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("salesforce.objects: null is not an object name");
            }
            objects = objects == null ? null : List.copyOf(new java.util.LinkedHashSet<>(objects));
            pipelines = checked(pipelines, SALESFORCE_ID, "salesforce.pipelines (record type ids)");
        }

        /** These settings with every supported object when none were chosen. */
        Salesforce orEvery(List<String> supported) {
            return objects != null ? this : new Salesforce(List.copyOf(supported), pipelines, noteText);
        }
    }

    /** @param inboxes Front inbox ids ({@code inb_...}); @param teams Front team ids ({@code tim_...}) */
    /**
     * @param inboxes   Front inboxes that count (empty, with no teams: every inbox)
     * @param teams     Front teams whose inboxes count
     * @param summaries where an admin approved conversation summaries (off unless approved)
     */
    public record Front(List<String> inboxes, List<String> teams, Summaries summaries) {
        private static final Pattern INBOX = Pattern.compile("inb_[A-Za-z0-9]{1,32}");
        private static final Pattern TEAM = Pattern.compile("tim_[A-Za-z0-9]{1,32}");

        public Front(List<String> inboxes, List<String> teams) {
            this(inboxes, teams, null);
        }

        public Front {
            inboxes = checked(inboxes, INBOX, "front.inboxes (inb_...)");
            teams = checked(teams, TEAM, "front.teams (tim_...)");
            summaries = summaries == null ? Summaries.NONE : summaries;
        }
    }

    /**
     * Front conversation summaries, approved by an admin per inbox or team: when a conversation
     * there is resolved, its messages are read in memory and a model writes a short neutral summary
     * of the problem and its resolution; only that is stored. Who approved and when is set by
     * Gristmill from the admin who saved a changed scope (what a caller sends for them is ignored).
     *
     * @param inboxes    approved inboxes ({@code inb_...})
     * @param teams      approved teams ({@code tim_...}): their inboxes
     * @param approvedBy the admin who approved the current scope
     * @param approvedAt when
     */
    public record Summaries(List<String> inboxes, List<String> teams, String approvedBy, java.time.Instant approvedAt) {
        public static final Summaries NONE = new Summaries(List.of(), List.of(), null, null);

        public Summaries {
            inboxes = checked(inboxes, Front.INBOX, "front.summaries.inboxes (inb_...)");
            teams = checked(teams, Front.TEAM, "front.summaries.teams (tim_...)");
        }

        public boolean approved() {
            return !inboxes.isEmpty() || !teams.isEmpty();
        }

        /** {@code inbox:inb_...} and {@code team:tim_...}: what an approval (and a withdrawal) is about. */
        public java.util.Set<String> scopes() {
            java.util.Set<String> scopes = new java.util.TreeSet<>();
            inboxes.forEach(i -> scopes.add("inbox:" + i));
            teams.forEach(t -> scopes.add("team:" + t));
            return scopes;
        }

        /** This scope with its approval stamped: the previous stamp when the scope is unchanged, else {@code by} at {@code now}. */
        public Summaries stamped(Summaries before, String by, java.time.Instant now) {
            if (!approved()) {
                return NONE;
            }
            return scopes().equals(before.scopes()) && before.approvedBy() != null ? new Summaries(inboxes, teams, before.approvedBy(),
                    before.approvedAt()) : new Summaries(inboxes, teams, by, now);
        }
    }

    /** The same settings with the Front summaries' approval stamped against what was stored before. */
    public TenantSettings withSummariesStamped(TenantSettings before, String by, java.time.Instant now) {
        Summaries stamped = front.summaries().stamped(before.front().summaries(), by, now);
        return new TenantSettings(timeZone, weekStart, salesforce, new Front(front.inboxes(), front.teams(), stamped), employeeGroups,
                directory, retentionMonths, recaps);
    }

    private static List<String> checked(List<String> values, Pattern pattern, String field) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException(field + ": '" + value + "' is not a valid id");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(values));
    }
}
