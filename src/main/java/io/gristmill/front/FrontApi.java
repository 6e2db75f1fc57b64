package io.gristmill.front;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The few Front core API resources Gristmill reads. Every method is a GET: there is deliberately
 * no method that could change anything in Front.
 */
public interface FrontApi {

    @GET
    @Path("/me")
    Response me(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/teammates")
    Response teammates(@QueryParam("page_token") String pageToken, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/inboxes")
    Response inboxes(@QueryParam("page_token") String pageToken, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/teams")
    Response teams(@QueryParam("page_token") String pageToken, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/teams/{teamId}")
    Response team(@PathParam("teamId") String teamId, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/conversations/{conversationId}/inboxes")
    Response conversationInboxes(@PathParam("conversationId") String conversationId, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/events")
    Response events(@QueryParam("q[after]") String after, @QueryParam("q[inboxes]") List<String> inboxes,
            @QueryParam("sort_by") String sortBy, @QueryParam("sort_order") String sortOrder, @QueryParam("limit") int limit,
            @QueryParam("page_token") String pageToken, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/events")
    Response eventsOfTypes(@QueryParam("q[after]") String after, @QueryParam("q[types]") List<String> types,
            @QueryParam("q[inboxes]") List<String> inboxes, @QueryParam("sort_by") String sortBy, @QueryParam("sort_order") String sortOrder,
            @QueryParam("limit") int limit, @QueryParam("page_token") String pageToken, @HeaderParam("Authorization") String bearer);

    /** Message text: only for an approved summary, read in memory (see front.summary). */
    @GET
    @Path("/conversations/{conversationId}/messages")
    Response conversationMessages(@PathParam("conversationId") String conversationId, @QueryParam("limit") int limit,
            @QueryParam("page_token") String pageToken, @HeaderParam("Authorization") String bearer);

    /** Comment text: only for an approved summary, read in memory (see front.summary). */
    @GET
    @Path("/conversations/{conversationId}/comments")
    Response conversationComments(@PathParam("conversationId") String conversationId, @HeaderParam("Authorization") String bearer);
}
