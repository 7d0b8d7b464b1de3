package org.srhfhir.server;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints the base URL once the server answers requests and the package is installed. */
@Component
public class ReadyAnnouncer {

	private final ServerSettings settings;

	public ReadyAnnouncer(ServerSettings settings) {
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void announce() {
		System.out.println("FHIR server ready at " + settings.baseUrl());
		System.out.flush();
	}
}
