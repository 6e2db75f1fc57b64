package io.gristmill.salesforce;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The few Salesforce REST resources Gristmill reads, on one org's instance URL. Every method is a
 * read: GETs, and {@code /composite}, whose body (only ever {@link CompositeQueries#json()}) can only hold GET
 * queries. There is deliberately no method that could create, update or delete anything.
 */
@Path("/services/data/{version}")
public interface SalesforceDataApi {

    @GET
    @Path("/queryAll")
    Response queryAll(@PathParam("version") String version, @QueryParam("q") String soql,
            @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/query/{locator}")
    Response nextPage(@PathParam("version") String version, @PathParam("locator") String locator,
            @HeaderParam("Authorization") String bearer);

    @POST
    @Path("/composite")
    @Consumes(MediaType.APPLICATION_JSON)
    Response composite(@PathParam("version") String version, String compositeQueriesJson,
            @HeaderParam("Authorization") String bearer);
}
