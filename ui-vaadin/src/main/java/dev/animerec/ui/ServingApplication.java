package dev.animerec.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Viewport;
import com.vaadin.flow.component.dependency.StyleSheet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The serving application: the JSON API under {@code /api/v1} and the Vaadin UI at {@code /}, both reading the
 * version of Redis that {@code animerec:current} names. Started by {@code ./anime-rec serve}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Viewport("width=device-width, initial-scale=1")
@Meta(name = "description", content = "Anime recommendations for MyAnimeList users")
@StyleSheet("context://styles/animerec.css")
public class ServingApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
